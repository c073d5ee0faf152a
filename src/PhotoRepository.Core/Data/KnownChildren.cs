using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Data;

/// <summary>
/// Who the state already knows under some state student IDs, for <see cref="StateIdClaim"/>: the state
/// record's child, or before the first sync, the child as other districts hold it.
/// </summary>
public static class KnownChildren
{
    public static async Task<ILookup<string, KnownChild>> ForAsync(PhotoRepositoryDbContext db, int districtId,
        IReadOnlyCollection<string> stateStudentIds, CancellationToken ct = default)
    {
        var found = new List<(string Id, KnownChild Child)>();
        foreach (var chunk in stateStudentIds.Distinct().Chunk(500))
        {
            var state = await db.StateStudents.AsNoTracking()
                .Where(s => chunk.Contains(s.StateStudentId) && s.LastName != "")
                .Select(s => new { s.StateStudentId, s.LastName, s.BirthDate }).ToListAsync(ct);
            found.AddRange(state.Select(s => (s.StateStudentId, new KnownChild(s.LastName, s.BirthDate))));
            var atState = state.Select(s => s.StateStudentId).ToHashSet();
            var others = await db.Students.IgnoreQueryFilters().AsNoTracking()
                .Where(s => chunk.Contains(s.StateStudentId) && s.DistrictId != districtId)
                .Select(s => new { s.StateStudentId, s.LastName, s.BirthDate }).ToListAsync(ct);
            found.AddRange(others.Where(s => !atState.Contains(s.StateStudentId))
                .Select(s => (s.StateStudentId, new KnownChild(s.LastName, s.BirthDate))));
        }
        return found.ToLookup(f => f.Id, f => f.Child);
    }

    public static async Task<string?> RefusalAsync(PhotoRepositoryDbContext db, int districtId, string stateStudentId,
        string lastName, DateOnly birthDate, CancellationToken ct = default)
    {
        var known = await ForAsync(db, districtId, [stateStudentId], ct);
        return StateIdClaim.Refusal(stateStudentId, known[stateStudentId], lastName, birthDate);
    }
}
