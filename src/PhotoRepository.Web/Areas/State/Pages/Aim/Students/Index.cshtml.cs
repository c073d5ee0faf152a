using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Areas.State.Pages.Aim.Students;

public class StudentLookupInput
{
    public string? StateId { get; set; }
    public string? Name { get; set; }
    public DateOnly? BirthDate { get; set; }
}

public sealed record HistoryRow(DateTime ChangedAt, OptInChoice? OldValue, OptInChoice? NewValue, string District);

/// <summary>
/// State opt-in value lookup, read-only: this is how a district receiving a moved student learns the
/// last intended choice. Never shows a photo and offers no control to change the value.
/// </summary>
public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public StudentLookupInput Input { get; set; } = new();

    public List<StateStudent>? Matches { get; private set; }
    public StateStudent? Student { get; private set; }
    public List<HistoryRow> History { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync()
    {
        var stateId = Input.StateId?.Trim();
        var name = SearchText.Fold(Input.Name);
        if (string.IsNullOrEmpty(stateId) && name == "" && Input.BirthDate is null) return;

        IQueryable<StateStudent> q = db.StateStudents.AsNoTracking().Include(s => s.District).Include(s => s.LastExplicitDistrict);
        if (!string.IsNullOrEmpty(stateId)) q = q.Where(s => s.StateStudentId == stateId);
        else if (name == "" || Input.BirthDate is null)
        {
            Problem = "Look up by state student ID, or by name and birth date together.";
            return;
        }
        else
        {
            var born = Input.BirthDate.Value;
            q = q.Where(s => s.BirthDate == born);
            foreach (var word in SearchText.Words(name))
                q = q.Where(s => s.SearchName.Contains(word));
        }
        Matches = await q.OrderBy(s => s.LastName).ThenBy(s => s.FirstName).Take(50).ToListAsync();
        if (Matches.Count == 1)
        {
            Student = Matches[0];
            var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name);
            History = (await db.StateOptInChanges.AsNoTracking().Where(h => h.StateStudentId == Student.Id)
                    .OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id).ToListAsync())
                .Select(h => new HistoryRow(h.ChangedAt, h.OldValue, h.NewValue, h.DistrictId is { } d && districts.TryGetValue(d, out var n) ? n : ""))
                .ToList();
        }
    }
}
