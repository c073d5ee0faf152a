using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Infrastructure;

/// <summary>The last successful state sync and what it did (for one district, or in total), shown on the home pages.</summary>
public sealed record LastSync(DateTime EndedAt, SyncTrigger Trigger, SyncCounts Counts, bool ForDistrict)
{
    public static async Task<LastSync?> LoadAsync(PhotoRepositoryDbContext db, int? districtId = null)
    {
        var run = await db.SyncRuns.AsNoTracking().Where(r => r.Outcome == SyncOutcome.Succeeded)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync();
        if (run is null) return null;
        var counts = run.Totals;
        if (districtId is { } id)
            counts = await db.SyncRunDistricts.AsNoTracking().Where(d => d.SyncRunId == run.Id && d.DistrictId == id)
                .Select(d => d.Counts).FirstOrDefaultAsync() ?? new SyncCounts();
        return new LastSync(run.EndedAt ?? run.StartedAt, run.Trigger, counts, districtId is not null);
    }
}
