namespace PhotoRepository.Core.Entities;

/// <summary>
/// The single row that says which run holds the state sync: taken with one conditional UPDATE, so
/// two servers sharing the database never run the sync at once. Expires so a crashed server cannot
/// block the sync for ever.
/// </summary>
public class SyncLease
{
    public const int SingleId = 1;

    public int Id { get; set; }
    public long? RunId { get; set; }
    public DateTime? ExpiresAt { get; set; }
}
