using PhotoRepository.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Areas.State.Pages.Doj;

/// <summary>The child's photo page. The image itself is recorded as viewed by the photo endpoint it loads from.</summary>
public class PhotoModel(PhotoRepositoryDbContext db, CaseContextStore cases, TimeProvider time) : CaseBoundPageModel(cases)
{
    public StatePhoto Photo { get; private set; } = null!;
    public int Age { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? key)
    {
        Response.DoNotStore();
        var today = StateCalendar.Today(time);
        if (key is null || await AvailablePhotos.FindAsync(db, key.Value, today) is not { } photo) return NotFound();
        Photo = photo;
        Age = SearchModel.AgeOn(photo.StateStudent!.BirthDate, today);
        return Page();
    }
}
