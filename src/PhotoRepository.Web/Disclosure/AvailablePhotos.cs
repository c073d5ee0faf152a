using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Disclosure;

/// <summary>A state photo by its access key, only while it is available to law enforcement.</summary>
public static class AvailablePhotos
{
    public static Task<StatePhoto?> FindAsync(PhotoRepositoryDbContext db, Guid accessKey, DateOnly today, CancellationToken ct = default)
    {
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(today);
        return db.StatePhotos.AsNoTracking()
            .Include(p => p.StateStudent!).ThenInclude(s => s.District)
            .FirstOrDefaultAsync(p => p.AccessKey == accessKey && p.StateStudent!.OptIn == OptInChoice.OptIn && p.PhotoDate > lastTooOld, ct);
    }

    public static Task<byte[]?> JpegAsync(PhotoRepositoryDbContext db, string sha256, CancellationToken ct = default) =>
        db.PhotoContents.AsNoTracking().Where(c => c.Sha256 == sha256).Select(c => c.Jpeg).FirstOrDefaultAsync(ct);

    public static Task<byte[]?> ThumbnailAsync(PhotoRepositoryDbContext db, string sha256, CancellationToken ct = default) =>
        db.PhotoContents.AsNoTracking().Where(c => c.Sha256 == sha256).Select(c => c.Thumbnail).FirstOrDefaultAsync(ct);

    public static string DownloadName(StatePhoto photo) => $"{photo.StateStudent!.StateStudentId}-{photo.PhotoDate:yyyy-MM-dd}.jpg";
}
