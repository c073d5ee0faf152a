using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

/// <summary>See, upload, replace or remove one student's current photo.</summary>
public class PhotoModel(PhotoRepositoryDbContext db, PhotoPipeline pipeline, StudentPhotos photos, TimeProvider time) : PageModel
{
    public sealed class UploadInput
    {
        [Display(Name = "Photo")]
        public IFormFile? File { get; set; }

        [Display(Name = "Photo date"), DataType(DataType.Date)]
        public DateOnly? PhotoDate { get; set; }
    }

    [BindProperty]
    public UploadInput Input { get; set; } = new();

    public Student Student { get; private set; } = null!;
    public DistrictPhoto? Current { get; private set; }
    public bool TooOldForState { get; private set; }
    public DateOnly Today { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Input.File is null || Input.File.Length == 0)
        {
            ModelState.AddModelError("Input.File", Input.File is null ? "Choose a photo file to upload." : "The file is empty.");
            return Page();
        }
        if (Input.File.Length > pipeline.Limits.MaxFileBytes)
        {
            ModelState.AddModelError("Input.File", $"The file is {Input.File.Length / 1024.0 / 1024.0:0.0} MB; the limit is {pipeline.Limits.MaxFileText}.");
            return Page();
        }
        byte[] bytes;
        await using (var stream = Input.File.OpenReadStream())
        using (var buffer = new MemoryStream((int)Input.File.Length))
        {
            await stream.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        var result = pipeline.Process(bytes, PhotoFormats.IndividualUpload);
        if (!result.Ok)
        {
            ModelState.AddModelError("Input.File", result.Error!);
            return Page();
        }
        var date = PhotoDateRule.Decide(Input.PhotoDate, result.Photo!.CaptureDate, Today);
        if (date.Error is not null)
        {
            ModelState.AddModelError("Input.PhotoDate", date.Error);
            return Page();
        }
        var change = await photos.StageAsync(Student, result.Photo, date.Date, date.Source, Path.GetFileName(Input.File.FileName), replaceExisting: true, ct: ct);
        await db.SaveChangesAsync(ct);
        Flash = (change switch
        {
            PhotoChange.Added => "Photo added.",
            PhotoChange.Unchanged => "This is the photo the student already has: nothing changed.",
            _ => "Photo replaced.",
        }) + (date.TooOldForState ? $" Its photo date {date.Date:yyyy-MM-dd} is two years ago or more, so it will not go to the state." : "");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (await photos.StageRemovalAsync(Student, ct))
        {
            await db.SaveChangesAsync(ct);
            Flash = "Photo removed.";
        }
        else
        {
            Flash = "The student has no photo to remove.";
        }
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        // The district query filter makes another district's student simply not found.
        var student = await db.Students.FirstOrDefaultAsync(s => s.Id == id);
        if (student is null) return false;
        Student = student;
        Current = await db.DistrictPhotos.AsNoTracking().FirstOrDefaultAsync(p => p.StudentId == id);
        Today = StateCalendar.Today(time);
        TooOldForState = Current is not null && PhotoAge.IsTooOld(Current.PhotoDate, Today);
        return true;
    }
}
