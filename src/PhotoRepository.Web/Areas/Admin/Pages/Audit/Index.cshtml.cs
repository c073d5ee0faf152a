using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Areas.Admin.Pages.Audit;

public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public List<AuditEvent> Events { get; private set; } = [];
    public int Total { get; private set; }

    public class AuditFilter
    {
        [FromQuery(Name = "action")] public string? Action { get; set; }
        [FromQuery(Name = "user")] public string? User { get; set; }
        [FromQuery(Name = "record")] public string? Record { get; set; }
        [FromQuery(Name = "from")] public DateOnly? From { get; set; }
        [FromQuery(Name = "to")] public DateOnly? To { get; set; }
        [FromQuery(Name = "page")] public int Page { get; set; } = 1;
    }

    public async Task OnGetAsync()
    {
        Filter.Page = Math.Clamp(Filter.Page, 1, 1_000_000);
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Filter.Action)) query = query.Where(e => e.Action.Contains(Filter.Action.Trim()));
        if (!string.IsNullOrWhiteSpace(Filter.User)) query = query.Where(e => e.UserName.Contains(Filter.User.Trim()));
        if (!string.IsNullOrWhiteSpace(Filter.Record)) query = query.Where(e => e.EntityId.Contains(Filter.Record.Trim()));
        if (Filter.From is { } from) query = query.Where(e => e.At >= from.ToDateTime(TimeOnly.MinValue));
        if (Filter.To is { } to && to < DateOnly.MaxValue) query = query.Where(e => e.At < to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        Total = await query.CountAsync();
        Events = await query.OrderByDescending(e => e.Id).Skip((Filter.Page - 1) * PageSize).Take(PageSize).ToListAsync();
    }

    public Dictionary<string, string> RouteFor(int page) => new()
    {
        ["action"] = Filter.Action ?? "",
        ["user"] = Filter.User ?? "",
        ["record"] = Filter.Record ?? "",
        ["from"] = Filter.From?.ToString("yyyy-MM-dd") ?? "",
        ["to"] = Filter.To?.ToString("yyyy-MM-dd") ?? "",
        ["page"] = page.ToString(),
    };
}
