using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Photos;

public enum PhotoChange
{
    Added = 1,
    Replaced = 2,
    Unchanged = 3,
    KeptExisting = 4,
    Removed = 5,
}

/// <summary>
/// Puts a processed photo on a student, or takes it off. Content is shared by hash: an existing
/// PhotoContent is reused, and old content is deleted only once nothing points at it. The caller's
/// single SaveChanges stores metadata and bytes together.
/// </summary>
public sealed class StudentPhotos(PhotoRepositoryDbContext db, TimeProvider time)
{
    /// <summary>Stages the change on the context (the student must be loaded through the filtered Students set).</summary>
    public async Task<PhotoChange> StageAsync(Student student, ProcessedPhoto photo, DateOnly photoDate, PhotoDateSource source,
        string originalFileName, bool replaceExisting, string? actor = null, CancellationToken ct = default)
    {
        var current = await db.DistrictPhotos.FirstOrDefaultAsync(p => p.StudentId == student.Id, ct);
        var change = Decide(current, photo.Sha256, photoDate, replaceExisting);
        if (change is not (PhotoChange.Added or PhotoChange.Replaced)) return change;

        if (db.PhotoContents.Local.All(c => c.Sha256 != photo.Sha256) && !await db.PhotoContents.AnyAsync(c => c.Sha256 == photo.Sha256, ct))
            db.PhotoContents.Add(new PhotoContent
            {
                Sha256 = photo.Sha256,
                Jpeg = photo.Jpeg,
                Thumbnail = photo.Thumbnail,
                Width = photo.Width,
                Height = photo.Height,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            });
        var old = Apply(student, current, photo.Sha256, photo.Format, photoDate, source, originalFileName, actor);
        if (old is not null && old != photo.Sha256) await DeleteContentIfUnusedAsync(old, current!.Id, ct);
        return change;
    }

    /// <summary>
    /// What putting this content on a student whose photo is <paramref name="current"/> would do: the same
    /// picture with the same date changes nothing; an existing photo stays when the clerk chose to keep it.
    /// </summary>
    public static PhotoChange Decide(DistrictPhoto? current, string sha256, DateOnly photoDate, bool replaceExisting)
    {
        if (current is not null && current.Sha256 == sha256 && current.PhotoDate == photoDate) return PhotoChange.Unchanged;
        if (current is not null && !replaceExisting) return PhotoChange.KeptExisting;
        return current is null ? PhotoChange.Added : PhotoChange.Replaced;
    }

    /// <summary>
    /// Points the student's photo at content already stored or staged (see <see cref="Decide"/> first); returns
    /// the content the student had before, which the caller deletes once nothing points at it.
    /// </summary>
    public string? Apply(Student student, DistrictPhoto? current, string sha256, PhotoFormat format, DateOnly photoDate, PhotoDateSource source,
        string originalFileName, string? actor)
    {
        var name = originalFileName.Length > 260 ? originalFileName[^260..] : originalFileName;
        if (current is null)
        {
            db.DistrictPhotos.Add(new DistrictPhoto
            {
                StudentId = student.Id,
                DistrictId = student.DistrictId,
                Sha256 = sha256,
                PhotoDate = photoDate,
                PhotoDateSource = source,
                OriginalFileName = name,
                OriginalFormat = PhotoFormats.Name(format),
                UploadedAt = time.GetUtcNow().UtcDateTime,
                UploadedBy = actor ?? db.Actor,
            });
            return null;
        }
        var old = current.Sha256;
        current.Sha256 = sha256;
        current.PhotoDate = photoDate;
        current.PhotoDateSource = source;
        current.OriginalFileName = name;
        current.OriginalFormat = PhotoFormats.Name(format);
        current.UploadedAt = time.GetUtcNow().UtcDateTime;
        current.UploadedBy = actor ?? db.Actor;
        return old;
    }

    /// <summary>
    /// After a batch of changes is saved (inside its transaction): deletes each content nothing points at any
    /// more, as the database now says, so content one student gave up and another just took stays.
    /// </summary>
    public async Task DeleteContentsIfUnusedAsync(IEnumerable<string> sha256s, CancellationToken ct = default)
    {
        foreach (var sha in sha256s.Distinct()) await DeleteContentIfUnusedAsync(sha, 0, ct);
    }

    /// <summary>Stages removal of the student's photo; false if there was none.</summary>
    public async Task<bool> StageRemovalAsync(Student student, CancellationToken ct = default)
    {
        var current = await db.DistrictPhotos.FirstOrDefaultAsync(p => p.StudentId == student.Id, ct);
        if (current is null) return false;
        db.DistrictPhotos.Remove(current);
        await DeleteContentIfUnusedAsync(current.Sha256, current.Id, ct);
        return true;
    }

    // Other districts' and the state's photos count too: ignore the district filter here.
    private async Task DeleteContentIfUnusedAsync(string sha256, int exceptDistrictPhotoId, CancellationToken ct)
    {
        var used = await db.DistrictPhotos.IgnoreQueryFilters().AnyAsync(p => p.Sha256 == sha256 && p.Id != exceptDistrictPhotoId, ct)
                   || await db.StatePhotos.AnyAsync(p => p.Sha256 == sha256, ct);
        if (used) return;
        var content = await db.PhotoContents.FindAsync([sha256], ct);
        if (content is not null) db.PhotoContents.Remove(content);
    }
}
