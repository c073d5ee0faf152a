using PhotoRepository.Core.Data;

namespace PhotoRepository.Core.Sync;

/// <summary>The state sync and purge, as a plain class that Hangfire (or a test) calls.</summary>
public class StateSyncJob(PhotoRepositoryDbContext db, TimeProvider time)
{
    private readonly PhotoRepositoryDbContext _db = db;
    private readonly TimeProvider _time = time;

    /// <summary>Applies the decision table to one student (all districts that know them).</summary>
    public Task SyncStudentAsync(string stateStudentId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("The sync is built by the sync issue.");
}
