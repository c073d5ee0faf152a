using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Setup;

/// <summary>Photo bytes are served by endpoints, never as static files; every one is authorized and no-store.</summary>
public static class PhotoEndpoints
{
    public static void MapPhotoEndpoints(this WebApplication app)
    {
        // Through db.DistrictPhotos: the district filter makes another district's student a 404.
        app.MapGet("/District/Photos/{studentId:int}", async (int studentId, PhotoRepositoryDbContext db, HttpContext http) =>
                NoStore(http, await db.DistrictPhotos.AsNoTracking().Where(p => p.StudentId == studentId).Select(p => p.Content!.Jpeg).FirstOrDefaultAsync()))
            .RequireAuthorization(Policies.DistrictClerk);
        app.MapGet("/District/Photos/{studentId:int}/thumb", async (int studentId, PhotoRepositoryDbContext db, HttpContext http) =>
                NoStore(http, await db.DistrictPhotos.AsNoTracking().Where(p => p.StudentId == studentId).Select(p => p.Content!.Thumbnail).FirstOrDefaultAsync()))
            .RequireAuthorization(Policies.DistrictClerk);

        // A wizard preview's processed photo, kept until the commit: only the batch's own district (query filters
        // on the item and the kept content make any other a 404); AIM, DOJ and anonymous users never get this far.
        app.MapGet("/District/Import/Photos/{batchId:int}/items/{itemId:int}/thumb", async (int batchId, int itemId, PhotoRepositoryDbContext db, HttpContext http) =>
            {
                var sha = await db.PhotoImportItems.AsNoTracking().Where(i => i.Id == itemId && i.BatchId == batchId).Select(i => i.Sha256).FirstOrDefaultAsync();
                return NoStore(http, sha is null ? null : await db.PhotoImportContents.AsNoTracking()
                    .Where(c => c.BatchId == batchId && c.Sha256 == sha).Select(c => c.Thumbnail).FirstOrDefaultAsync());
            })
            .RequireAuthorization(Policies.DistrictClerk);

        var doj = app.MapGroup("/State/Doj/Photos").RequireAuthorization(Policies.DojStaff);
        doj.MapGet("/{accessKey:guid}/thumb", (Guid accessKey, HttpContext http, PhotoRepositoryDbContext db, CaseContextStore cases, DisclosureWriter disclosures, TimeProvider time) =>
            ServeDojPhotoAsync(accessKey, http, db, cases, disclosures, time, DisclosureKind.ThumbnailViewed));
        doj.MapGet("/{accessKey:guid}", (Guid accessKey, HttpContext http, PhotoRepositoryDbContext db, CaseContextStore cases, DisclosureWriter disclosures, TimeProvider time) =>
            ServeDojPhotoAsync(accessKey, http, db, cases, disclosures, time, DisclosureKind.PhotoViewed));
        doj.MapGet("/{accessKey:guid}/download", (Guid accessKey, HttpContext http, PhotoRepositoryDbContext db, CaseContextStore cases, DisclosureWriter disclosures, TimeProvider time) =>
            ServeDojPhotoAsync(accessKey, http, db, cases, disclosures, time, DisclosureKind.PhotoDownloaded));

        // The monthly list's thumbnails: an open case's child whose photo is available, to every district's clerks
        // (the list goes to schools) or to DOJ staff with a case context (recorded). State AIM staff never receive photo bytes.
        app.MapGet("/MissingChildren/Photos/{caseId:int}", async (int caseId, HttpContext http, PhotoRepositoryDbContext db, CaseContextStore cases, DisclosureWriter disclosures, TimeProvider time) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            var photo = await MissingChildrenPhotos.FindAsync(db, caseId, StateCalendar.Today(time), http.RequestAborted);
            if (photo is null) return Results.NotFound();
            var context = http.User.IsInRole(Core.Security.Roles.DojStaff) ? cases.Read(http) : null;
            if (http.User.IsInRole(Core.Security.Roles.DojStaff) && context is null)
                return Results.Redirect("/State/Doj/Case?returnUrl=" + Uri.EscapeDataString("/MissingChildren"));
            if (!MissingChildrenPhotos.MaySee(http.User, context is not null)) return Results.NotFound();
            var bytes = await AvailablePhotos.ThumbnailAsync(db, photo.Sha256, http.RequestAborted);
            if (bytes is null) return Results.NotFound();
            if (context is not null)
                await disclosures.WriteAsync(DisclosureLog.For(DisclosureKind.ThumbnailViewed, http.User.Identity!.Name!, context, time.GetUtcNow().UtcDateTime, photo.StateStudent), http.RequestAborted);
            return Results.File(bytes, "image/jpeg");
        }).RequireAuthorization(Policies.MissingChildrenPhotos);
    }

    private static IResult NoStore(HttpContext http, byte[]? jpeg)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return jpeg is null ? Results.NotFound() : Results.File(jpeg, "image/jpeg");
    }

    /// <summary>Every DOJ photo response, thumbnails included, needs a case context and writes one record naming the child.</summary>
    private static async Task<IResult> ServeDojPhotoAsync(Guid accessKey, HttpContext http, PhotoRepositoryDbContext db, CaseContextStore cases, DisclosureWriter disclosures, TimeProvider time, DisclosureKind kind)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (cases.Read(http) is not { } context)
            return Results.Redirect("/State/Doj/Case?returnUrl=" + Uri.EscapeDataString("/State/Doj/Search"));

        var photo = await AvailablePhotos.FindAsync(db, accessKey, StateCalendar.Today(time), http.RequestAborted);
        if (photo is null) return Results.NotFound();
        var bytes = kind == DisclosureKind.ThumbnailViewed
            ? await AvailablePhotos.ThumbnailAsync(db, photo.Sha256, http.RequestAborted)
            : await AvailablePhotos.JpegAsync(db, photo.Sha256, http.RequestAborted);
        if (bytes is null) return Results.NotFound();

        await disclosures.WriteAsync(DisclosureLog.For(kind, http.User.Identity!.Name!, context, time.GetUtcNow().UtcDateTime, photo.StateStudent), http.RequestAborted);

        return kind == DisclosureKind.PhotoDownloaded
            ? Results.File(bytes, "image/jpeg", AvailablePhotos.DownloadName(photo))
            : Results.File(bytes, "image/jpeg");
    }
}
