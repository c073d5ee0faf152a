namespace PhotoRepository.Core.Entities;

public enum PhotoIdentifierKind
{
    StateStudentId = 1,
    LocalStudentNumber = 2,
}

public enum PhotoImportStatus
{
    /// <summary>Planned and shown to the clerk; nothing stored yet.</summary>
    Previewed = 1,
    Queued = 2,
    Running = 3,
    Finished = 4,
    Cancelled = 5,
    /// <summary>Names matched, cheap checks done; a background job is decoding the matched photos.</summary>
    Checking = 6,
    /// <summary>The background check failed on its last retry; the ZIP is gone and the clerk uploads again.</summary>
    CheckFailed = 7,
    /// <summary>The import stopped on an error; the photos already imported stay. The clerk resumes or cancels it.</summary>
    Failed = 8,
}

/// <summary>One run of the Photo Import Wizard: the uploaded ZIP, the clerk's choices and the outcome per file.</summary>
public class PhotoImportBatch : IDistrictOwned
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public string ZipFileName { get; set; } = "";
    /// <summary>Our own name for the ZIP in the import folder; never derived from anything the clerk sent.</summary>
    public string StoredFile { get; set; } = "";
    public long ZipBytes { get; set; }
    public PhotoIdentifierKind IdentifierKind { get; set; }
    public DateOnly? PhotoDate { get; set; }
    public bool ReplaceExisting { get; set; }
    public PhotoImportStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>The clerk who pressed commit: the import's photos are uploaded and audited in their name.</summary>
    public string? CommittedBy { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Matched photos the background check has to decode (fixed when the batch is planned).</summary>
    public int CheckTotal { get; set; }
    /// <summary>How many of <see cref="CheckTotal"/> the check has decoded so far.</summary>
    public int CheckedCount { get; set; }
    /// <summary>Why the background check gave up (status <see cref="PhotoImportStatus.CheckFailed"/>).</summary>
    public string? CheckError { get; set; }
    /// <summary>Why the import stopped (status <see cref="PhotoImportStatus.Failed"/>); cleared on resume.</summary>
    public string? ImportError { get; set; }
    /// <summary>
    /// Renewed by the running import after each photo: a Running batch whose heartbeat is old belongs to a
    /// server that died, and another may take it over.
    /// </summary>
    public DateTime? HeartbeatAt { get; set; }
    /// <summary>The PSPA index (INDEX.TXT or MASTER.TXT) the photos were matched through; null when matched by file names.</summary>
    public string? IndexFile { get; set; }
    /// <summary>The index's column (1-based) of student IDs the clerk matched by; null for last name, first name and grade.</summary>
    public int? IndexIdColumn { get; set; }
    public List<PhotoImportItem> Items { get; set; } = [];
}

public enum PhotoImportEntryKind
{
    Matched = 1,
    Unmatched = 2,
    Duplicate = 3,
    Invalid = 4,
    Ignored = 5,
}

public enum PhotoImportOutcome
{
    Pending = 0,
    Added = 1,
    Replaced = 2,
    Unchanged = 3,
    KeptExisting = 4,
    Rejected = 5,
    NotImported = 6,
}

/// <summary>One entry of the ZIP: how it was classified at preview and what became of it.</summary>
public class PhotoImportItem : IDistrictOwned
{
    public int Id { get; set; }
    public int BatchId { get; set; }
    public int DistrictId { get; set; }
    /// <summary>Position in the ZIP's central directory: how the job finds the entry again.</summary>
    public int EntryIndex { get; set; }
    public string EntryName { get; set; } = "";
    public string Identifier { get; set; } = "";
    public int? StudentId { get; set; }
    public string StudentName { get; set; } = "";
    public PhotoImportEntryKind Kind { get; set; }
    public PhotoImportOutcome Outcome { get; set; }
    public string Message { get; set; } = "";
    /// <summary>The line of the PSPA index that named this image, when the batch was matched through one.</summary>
    public int? IndexRow { get; set; }
    /// <summary>
    /// The processed photo the check made of this entry (its <see cref="PhotoImportContent"/> in the batch), kept
    /// until the commit stores it or the batch is cancelled or cleaned up; null until checked, and for entries not matched.
    /// </summary>
    public string? Sha256 { get; set; }
    /// <summary>The capture date the camera wrote, read by the check before the metadata was stripped.</summary>
    public DateOnly? CaptureDate { get; set; }
}

/// <summary>
/// A processed photo (clean JPEG and thumbnail) the wizard's check made and keeps for its batch until the commit
/// copies it to <see cref="PhotoContent"/>, or the batch is cancelled or cleaned up: the photo is decoded once.
/// Content-addressed within the batch, like PhotoContent (docs/decisions/0002): two entries with the same
/// picture share one row. Apart from the items so the preview's lists never load blobs.
/// </summary>
public class PhotoImportContent : IDistrictOwned
{
    public int BatchId { get; set; }
    public required string Sha256 { get; set; }
    public int DistrictId { get; set; }
    public required byte[] Jpeg { get; set; }
    public required byte[] Thumbnail { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
}
