using System.Security.Cryptography;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Web.Infrastructure;

namespace PhotoRepository.Web.Areas.District.Pages.Import.Demographics;

/// <summary>Step 1 of the demographics upload: keep the file on the server, then show its preview.</summary>
public class IndexModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public class InputModel
    {
        public IFormFile? File { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<DemographicsUpload> Recent { get; private set; } = [];

    public async Task OnGetAsync() => await LoadRecent();

    public async Task<IActionResult> OnPostAsync()
    {
        var file = Input.File;
        if (file is null || file.Length == 0)
            ModelState.AddModelError("Input.File", "Choose a CSV file to upload.");
        else if (file.Length > DemographicsTemplate.MaxBytes)
            ModelState.AddModelError("Input.File", $"The file is {file.Length / 1024.0 / 1024.0:0.0} MB; the limit is {DemographicsTemplate.MaxBytes / 1024 / 1024} MB. Split it by school and upload each part.");
        if (!ModelState.IsValid || file is null)
        {
            await LoadRecent();
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var upload = new DemographicsUpload
        {
            DistrictId = User.DistrictId(),
            FileName = Path.GetFileName(file.FileName ?? "upload.csv") is { Length: > 0 and <= 200 } name ? name : "upload.csv",
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
            UploadedBy = db.Actor,
            UploadedAt = time.GetUtcNow().UtcDateTime,
        };
        db.DemographicsUploads.Add(upload);
        await db.SaveChangesAsync();
        return RedirectToPage("./Preview", new { id = upload.Id });
    }

    /// <summary>The template: header row and one example line, UTF-8 with BOM so spreadsheets read accents.</summary>
    public IActionResult OnGetTemplate()
    {
        var csv = CsvFile.Write(DemographicsTemplate.Columns, [["4100000001", "00123", "O'Brien", "Seán", "Marie, Jr", "2015-09-01", "F", "05", "HHS", "1"]]);
        return File(csv, CsvFile.ContentType, "demographics-template.csv");
    }

    private async Task LoadRecent() =>
        Recent = await db.DemographicsUploads.AsNoTracking().OrderByDescending(u => u.UploadedAt).Take(10)
            .Select(u => new DemographicsUpload
            {
                Id = u.Id, FileName = u.FileName, Sha256 = u.Sha256, Content = Array.Empty<byte>(), UploadedBy = u.UploadedBy,
                UploadedAt = u.UploadedAt, CommittedAt = u.CommittedAt, Summary = u.Summary,
            }).ToListAsync();
}
