using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Setup;

namespace PhotoRepository.Web.Areas.State.Pages.Aim.SyncRuns;

public class IndexModel(PhotoRepositoryDbContext db, IBackgroundJobClient jobs, IConfiguration config, TimeProvider time) : PageModel
{
    public List<SyncRun> Runs { get; private set; } = [];
    public string Schedule => config["Sync:NightlyCron"] ?? "0 1 * * *";

    public async Task OnGetAsync() =>
        Runs = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync();

    public async Task<IActionResult> OnPostRunNowAsync()
    {
        jobs.Enqueue<SyncJobs>(job => job.RunAsync(SyncTrigger.Manual, User.Identity!.Name!));
        db.AuditEvents.Add(new AuditEvent { Action = "SyncRequested", Entity = "SyncRun", UserName = User.Identity!.Name!, At = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        TempData["Message"] = "The sync has started. Refresh this page to see it finish.";
        return RedirectToPage();
    }
}
