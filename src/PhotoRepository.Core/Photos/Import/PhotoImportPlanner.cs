using System.IO.Compression;
using System.Threading.Channels;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>A student the ZIP's names may refer to.</summary>
public sealed record ImportCandidate(int Id, string StateStudentId, string LocalStudentNumber, string Name)
{
    // For a PSPA index matched by names and grade (PspaMatch).
    public string LastName { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string Grade { get; init; } = "";
}

/// <summary>The check's verdict on one entry: the processed photo, or why it is refused.</summary>
public readonly record struct CheckedEntry(int EntryIndex, PhotoResult Result)
{
    public string? Reason => Result.Error;

    public void Deconstruct(out int entryIndex, out string? reason) => (entryIndex, reason) = (EntryIndex, Reason);
}

/// <summary>The preview of a ZIP: every entry classified, or the reason the whole ZIP is refused.</summary>
public sealed record ImportPlan(IReadOnlyList<PhotoImportItem> Items, string? Error, PspaIndex? Index = null);

/// <summary>
/// Reads a ZIP's central directory and decides, before anything is stored, what each entry is.
/// Entry names only ever serve as identifiers and labels: they are never turned into paths on disk.
/// The whole ZIP is refused, without inflating anything, when its directory describes a bomb.
/// <see cref="Plan"/> is the cheap part (the directory only) and runs in the upload request;
/// <see cref="CheckAsync"/> then inflates each matched entry in memory, a few at a time, and processes it
/// through the pipeline (about 50 ms a photo), in the background <see cref="PhotoImportCheckJob"/>, so a
/// corrupt or disguised file shows as invalid in the preview, and a good one is kept processed for the commit.
/// </summary>
public sealed class PhotoImportPlanner(PhotoPipeline pipeline)
{
    public PhotoLimits Limits => pipeline.Limits;

    private static readonly HashSet<string> PhotoExtensions = [".jpg", ".jpeg", ".jpe", ".jfif"];
    private static readonly HashSet<string> OtherPictureExtensions = [".gif", ".bmp", ".dib", ".tif", ".tiff", ".png", ".heic", ".heif", ".webp", ".svg", ".mvg"];
    private static readonly HashSet<string> ArchiveExtensions = [".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz"];

    /// <param name="indexIdColumn">For a ZIP with a PSPA index: the column of student IDs to match by, when its header names none.</param>
    public ImportPlan Plan(Stream zip, PhotoIdentifierKind kind, IEnumerable<ImportCandidate> students, CancellationToken ct = default, int? indexIdColumn = null)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return new ImportPlan([], "The file is not a readable ZIP archive (it is damaged or not a ZIP at all).");
        }
        using (archive)
        {
            IReadOnlyList<ZipArchiveEntry> entries;
            try
            {
                entries = archive.Entries;
            }
            catch (InvalidDataException)
            {
                return new ImportPlan([], "The ZIP archive's directory is damaged, so its contents cannot be listed.");
            }
            if (entries.Count > Limits.MaxZipEntries)
                return new ImportPlan([], $"The ZIP holds {entries.Count:N0} entries; the limit is {Limits.MaxZipEntries:N0}.");
            var total = entries.Sum(e => e.Length);
            if (total > Limits.MaxZipUncompressedBytes)
                return new ImportPlan([], $"The ZIP would unpack to {total / 1024.0 / 1024 / 1024:0.0} GB; the limit is {Limits.MaxZipUncompressedBytes / 1024.0 / 1024 / 1024:0.#} GB.");
            var bomb = entries.FirstOrDefault(e => e.Length > 1024 * 1024 && e.Length > e.CompressedLength * Limits.MaxCompressionRatio);
            if (bomb is not null)
                return new ImportPlan([], $"The ZIP looks like a zip bomb: \"{Label(bomb.FullName)}\" would inflate {bomb.Length / (double)Math.Max(1, bomb.CompressedLength):N0} times. It was refused without unpacking.");

            var candidates = students.ToList();
            var index = Index(kind, candidates);
            // A photographer's disc names its images in a PSPA index: match through it (PspaIndexing).
            var pspa = PspaIndexing.Read(entries, kind, indexIdColumn, candidates, Limits, out var indexError);
            if (indexError is not null) return new ImportPlan([], indexError);
            var items = new List<PhotoImportItem>();
            for (var i = 0; i < entries.Count; i++)
            {
                var item = Classify(i, entries[i], index);
                items.Add(pspa is null ? item : PspaIndexing.Apply(item, entries[i], pspa));
            }
            if (pspa is not null) items.AddRange(PspaIndexing.MissingItems(pspa));
            MarkDuplicates(items);
            return new ImportPlan(items, null, pspa?.Index);
        }
    }

    /// <summary>The ZIP's PSPA index, for the preview's choice of its student ID column; null when there is none.</summary>
    public PspaIndex? ReadIndex(Stream zip)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            return PspaIndexing.Find(archive.Entries, out _);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// Inflates and processes the given entries of a ZIP that <see cref="Plan"/> accepted, through the same
    /// pipeline as a single upload: each verdict is either the refusal or the processed photo (clean JPEG and
    /// thumbnail) that the commit will store, so a photo is decoded once. One reader inflates the entries in the
    /// order given (directory order reads the ZIP front to back; a ZipArchive is not thread-safe) into a short
    /// queue, <paramref name="workers"/> process them; with more than one worker the verdicts come in any order.
    /// At most a few dozen entries and verdicts are in memory at once, whatever the ZIP's size. Nothing is written to disk.
    /// </summary>
    public async IAsyncEnumerable<CheckedEntry> CheckAsync(Stream zip, IEnumerable<int> entryIndexes, int workers,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var read = Channel.CreateBounded<(int Index, ZipEntryBytes Entry)>(new BoundedChannelOptions(Math.Max(2, workers)) { SingleWriter = true });
        // Room for a save's worth of verdicts: the workers go on while the consumer (on the thread pool) is slow to run.
        var done = Channel.CreateBounded<CheckedEntry>(new BoundedChannelOptions(Math.Max(2, workers) * 8) { SingleReader = true });
        // The reader and the workers are threads of their own (LongRunning), not the thread pool's. On a small server the
        // pool has about as many threads as cores, and requests block them in SQLite's synchronous calls (a DOJ search
        // waiting for the write lock sleeps in SQLite's busy handler): a reader or worker queued behind them left the
        // cores idle for most of a check (measured: half of two cores). A photo takes a core for tens of milliseconds, so
        // the workers would also leave requests queueing behind the import. Each thread is kept for the whole check
        // (libvips keeps its buffers per thread), so it blocks on the queues.
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
                var entries = archive.Entries;
                foreach (var index in entryIndexes)
                {
                    WriteWaiting(read.Writer, (index, ZipEntryReader.Read(entries[index], Limits, stop.Token)), stop.Token);
                }
                read.Writer.TryComplete();
            }
            catch (Exception e)
            {
                read.Writer.TryComplete(e);
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var processors = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Factory.StartNew(() =>
        {
            try
            {
                while (read.Reader.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
                    while (read.Reader.TryRead(out var next))
                    {
                        var (index, entry) = next;
                        var result = entry.Bytes is null ? PhotoResult.Refused(entry.Error!) : pipeline.Process(entry.Bytes, PhotoFormats.Wizard);
                        WriteWaiting(done.Writer, new CheckedEntry(index, result), stop.Token);
                    }
            }
            catch
            {
                // One failure stops the reader and the other workers: no one waits on a full queue for ever.
                stop.Cancel();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        // Ends the verdicts only when every entry has one; a failure or a cancellation ends them with an error, never quietly.
        var finished = Task.WhenAll([reader, .. processors]).ContinueWith(t => done.Writer.TryComplete(
            t.IsCompletedSuccessfully ? null : t.Exception?.GetBaseException() ?? new OperationCanceledException()), TaskScheduler.Default);
        try
        {
            await foreach (var verdict in done.Reader.ReadAllAsync(ct))
            {
                // ReadAllAsync hands out what is already queued without looking at the token.
                ct.ThrowIfCancellationRequested();
                yield return verdict;
            }
        }
        finally
        {
            // The consumer stopped early (cancelled batch, failure): stop the reader and the workers before the ZIP is closed.
            await stop.CancelAsync();
            await finished;
        }
    }

    /// <summary>For the check's own threads: writes at once when the queue has room, else blocks the thread until it has.</summary>
    private static void WriteWaiting<T>(ChannelWriter<T> writer, T item, CancellationToken ct)
    {
        if (!writer.TryWrite(item)) writer.WriteAsync(item, ct).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The check on one thread, in the order given (tests and tools).</summary>
    public IEnumerable<CheckedEntry> Check(Stream zip, IEnumerable<int> entryIndexes, CancellationToken ct = default) =>
        CheckAsync(zip, entryIndexes, workers: 1, ct).ToBlockingEnumerable(ct);

    /// <summary>Records the check's verdict on a matched item: it stays matched with its processed photo, or becomes invalid with the reason.</summary>
    public static void Apply(PhotoImportItem item, PhotoResult result)
    {
        if (result.Photo is { } photo)
        {
            item.Sha256 = photo.Sha256;
            item.CaptureDate = photo.CaptureDate;
            return;
        }
        item.Kind = PhotoImportEntryKind.Invalid;
        item.Outcome = PhotoImportOutcome.NotImported;
        item.Message = result.Error!;
    }

    private PhotoImportItem Classify(int position, ZipArchiveEntry entry, Dictionary<string, List<ImportCandidate>> index)
    {
        var name = entry.FullName.Replace('\\', '/');
        var item = new PhotoImportItem { EntryIndex = position, EntryName = Label(name) };
        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var file = segments.Length == 0 ? "" : segments[^1];

        PhotoImportItem Set(PhotoImportEntryKind k, string message)
        {
            item.Kind = k;
            item.Message = message;
            item.Outcome = k == PhotoImportEntryKind.Matched ? PhotoImportOutcome.Pending : PhotoImportOutcome.NotImported;
            return item;
        }

        if (name.EndsWith('/') || file.Length == 0) return Set(PhotoImportEntryKind.Ignored, "Folder.");
        if (name.StartsWith('/') || segments.Any(s => s == "..") || (segments[0].Length >= 2 && segments[0][1] == ':'))
            return Set(PhotoImportEntryKind.Ignored, "Unsafe path (outside the archive): ignored.");
        if (segments.Any(s => s.Equals("__MACOSX", StringComparison.OrdinalIgnoreCase)) || file.StartsWith("._"))
            return Set(PhotoImportEntryKind.Ignored, "macOS metadata: ignored.");
        if (file.Equals(".DS_Store", StringComparison.OrdinalIgnoreCase) || file.Equals("Thumbs.db", StringComparison.OrdinalIgnoreCase) || file.Equals("desktop.ini", StringComparison.OrdinalIgnoreCase))
            return Set(PhotoImportEntryKind.Ignored, "System file: ignored.");
        var extension = Path.GetExtension(file).ToLowerInvariant();
        if (ArchiveExtensions.Contains(extension)) return Set(PhotoImportEntryKind.Ignored, "Archive inside the archive: ignored.");
        if (OtherPictureExtensions.Contains(extension))
            return Set(PhotoImportEntryKind.Invalid, $"The wizard accepts JPG only; this is a {extension.TrimStart('.').ToUpperInvariant()} file.");
        if (!PhotoExtensions.Contains(extension)) return Set(PhotoImportEntryKind.Ignored, "Not a photo: ignored.");

        item.Identifier = file[..^extension.Length].Trim();
        if (entry.Length > Limits.MaxFileBytes)
            return Set(PhotoImportEntryKind.Invalid, $"The file is {entry.Length / 1024.0 / 1024.0:0.0} MB; the limit is {Limits.MaxFileText}.");
        if (entry.Length == 0) return Set(PhotoImportEntryKind.Invalid, "The file is empty.");
        if (!index.TryGetValue(Normalise(item.Identifier), out var matches))
            return Set(PhotoImportEntryKind.Unmatched, $"No student with this identifier in your district.");
        if (matches.Count > 1)
            return Set(PhotoImportEntryKind.Unmatched, $"{matches.Count} students have this identifier once leading zeros are ignored: upload their photos one by one.");
        item.StudentId = matches[0].Id;
        item.StudentName = matches[0].Name;
        return Set(PhotoImportEntryKind.Matched, "");
    }

    private static void MarkDuplicates(List<PhotoImportItem> items)
    {
        foreach (var group in items.Where(i => i.Kind == PhotoImportEntryKind.Matched).GroupBy(i => i.StudentId).Where(g => g.Count() > 1))
        {
            var names = group.Select(i => i.EntryName).ToList();
            foreach (var item in group)
            {
                item.Kind = PhotoImportEntryKind.Duplicate;
                item.Outcome = PhotoImportOutcome.NotImported;
                item.Message = $"Several files for this student ({string.Join(", ", names)}): none imported; upload the right one on the student's photo page.";
            }
        }
    }

    private static Dictionary<string, List<ImportCandidate>> Index(PhotoIdentifierKind kind, IEnumerable<ImportCandidate> students)
    {
        var index = new Dictionary<string, List<ImportCandidate>>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in students)
        {
            var key = Normalise(kind == PhotoIdentifierKind.StateStudentId ? s.StateStudentId : s.LocalStudentNumber);
            if (key.Length == 0) continue;
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            list.Add(s);
        }
        return index;
    }

    /// <summary>"00123" and "123" are the same student: leading zeros are ignored.</summary>
    public static string Normalise(string identifier)
    {
        var trimmed = identifier.Trim().TrimStart('0');
        return trimmed.Length == 0 && identifier.Trim().Length > 0 ? "0" : trimmed;
    }

    private static string Label(string name) => name.Length > 1000 ? "…" + name[^999..] : name;
}
