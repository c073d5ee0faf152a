using PhotoRepository.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Areas.State.Pages.Doj;

/// <summary>
/// The printable missing-child flyer. Opening it is recorded once as FlyerPrinted; the photo is embedded
/// in the page, so it is not recorded a second time as a view.
/// </summary>
public class FlyerModel(PhotoRepositoryDbContext db, CaseContextStore cases, DisclosureWriter disclosures, TimeProvider time) : CaseBoundPageModel(cases)
{
    public StatePhoto Photo { get; private set; } = null!;
    public int Age { get; private set; }
    public string PhotoDataUri { get; private set; } = "";
    /// <summary>The open case for this child under the case in use: its agency phone and the child's description.</summary>
    public MissingChildCase? OpenCase { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? key)
    {
        Response.DoNotStore();
        var today = StateCalendar.Today(time);
        if (key is null || await AvailablePhotos.FindAsync(db, key.Value, today) is not { } photo) return NotFound();
        if (await AvailablePhotos.JpegAsync(db, photo.Sha256) is not { } bytes) return NotFound();
        Photo = photo;
        Age = SearchModel.AgeOn(photo.StateStudent!.BirthDate, today);
        PhotoDataUri = "data:image/jpeg;base64," + Convert.ToBase64String(bytes);
        OpenCase = await db.MissingChildCases.AsNoTracking()
            .Where(c => c.StateStudentId == photo.StateStudentId && c.ClosedAt == null && c.CaseNumber == Case.CaseNumber)
            .FirstOrDefaultAsync();
        await disclosures.WriteAsync(DisclosureLog.For(DisclosureKind.FlyerPrinted, User.Identity!.Name!, Case, time.GetUtcNow().UtcDateTime, photo.StateStudent));
        return Page();
    }
}
