using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Data;

/// <summary>
/// Stored search keys are folded in C# (<see cref="SearchText"/>), which SQL cannot do: a migration
/// that changes the folding blanks them, and start-up (or the migrate command) folds the blank ones again.
/// </summary>
public static class SearchKeys
{
    public static async Task RefoldBlankAsync(PhotoRepositoryDbContext db, CancellationToken ct = default)
    {
        for (var after = 0; ;)
        {
            var batch = await db.Students.IgnoreQueryFilters().Where(s => s.SearchName == "" && s.Id > after).OrderBy(s => s.Id).Take(2000).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var s in batch) s.SearchName = SearchText.NameKey(s.LastName, s.FirstName, s.MiddleName);
            after = batch[^1].Id;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        for (var after = 0; ;)
        {
            var batch = await db.StateStudents.Where(s => s.SearchName == "" && s.Id > after).OrderBy(s => s.Id).Take(2000).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var s in batch) s.SearchName = SearchText.NameKey(s.LastName, s.FirstName, s.MiddleName);
            after = batch[^1].Id;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
