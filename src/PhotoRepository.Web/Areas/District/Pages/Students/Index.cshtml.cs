using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<Row> Rows { get; private set; } = [];

    public record Row(int Id, string LastName, string FirstName, string StateStudentId, string LocalStudentNumber, string Grade, string? School, OptInChoice OptIn);

    public async Task OnGetAsync()
    {
        var query = db.Students.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var folded = SearchText.Fold(Q);
            query = query.Where(s => s.SearchName.Contains(folded) || s.StateStudentId == Q.Trim() || s.LocalStudentNumber == Q.Trim());
        }
        Rows = await query.OrderBy(s => s.LastName).ThenBy(s => s.FirstName).Take(200)
            .Select(s => new Row(s.Id, s.LastName, s.FirstName, s.StateStudentId, s.LocalStudentNumber, s.Grade, s.School!.Name, s.OptIn))
            .ToListAsync();
    }
}
