using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Areas.State.Pages.Aim.SharedIds;

/// <summary>
/// State student IDs held by more than one district (a move, or a claim to check), with each district's
/// current choice: AIM staff help a new district carry over the last choice and resolve wrong claims.
/// </summary>
public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    public const int PageSize = 200;

    public record Holder(string District, string LastName, string FirstName, DateOnly BirthDate, DateTime Since,
        OptInChoice Current, OptInChoice? LastExplicit, DateTime? LastExplicitAt);

    public record SharedId(string StateStudentId, OptInChoice? StateValue, List<Holder> Holders);

    public List<SharedId> Ids { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var students = db.Students.IgnoreQueryFilters().AsNoTracking();
        var shared = students.GroupBy(s => s.StateStudentId).Where(g => g.Count() > 1).Select(g => g.Key);
        Total = await shared.CountAsync(ct);
        var ids = await shared.OrderBy(id => id).Take(PageSize).ToListAsync(ct);
        var holders = await students.Where(s => ids.Contains(s.StateStudentId))
            .OrderBy(s => s.StateIdSince)
            .Select(s => new
            {
                s.StateStudentId,
                Holder = new Holder(s.District!.Name, s.LastName, s.FirstName, s.BirthDate, s.StateIdSince, s.OptIn, s.LastExplicitOptIn, s.LastExplicitOptInAt),
            })
            .ToListAsync(ct);
        var values = await db.StateStudents.AsNoTracking().Where(s => ids.Contains(s.StateStudentId))
            .ToDictionaryAsync(s => s.StateStudentId, s => s.OptIn, ct);
        Ids = ids.Select(id => new SharedId(id, values.GetValueOrDefault(id),
            holders.Where(h => h.StateStudentId == id).Select(h => h.Holder).ToList())).ToList();
    }
}
