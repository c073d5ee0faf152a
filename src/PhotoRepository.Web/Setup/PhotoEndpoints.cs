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

        var doj = app.MapGroup("/State/Doj/Photos").RequireAuthorization(Policies.DojStaff);
        // The thumbnail is part of the search disclosure (recorded with its criteria), so it writes no record of its own.
        doj.MapGet("/{accessKey:guid}/thumb", (Guid accessKey, HttpContext http, PhotoRepositoryDbContext db, CaseContextStore cases, TimeProvider time) =>
            ServeDojPhotoAsync(accessKey, http, db, cases, time, kind: null));
        doj.MapGet("/{accessKey:guid}", (Guid accessKey, HttpContext http, PhotoRepositoryDbContext db, CaseContextStore cases, TimeProvider time) =>
            ServeDojPhotoAsync(accessKey, http, db, cases, time, DisclosureKind.PhotoViewed));
        doj.MapGet("/{accessKey:guid}/download", (Guid accessKey, HttpContext http, PhotoRepositoryDbContext db, CaseContextStore cases, TimeProvider time) =>
            ServeDojPhotoAsync(accessKey, http, db, cases, time, DisclosureKind.PhotoDownloaded));

        // The monthly list's thumbnails: only for a child on an open case whose photo is available.
        app.MapGet("/MissingChildren/Photos/{caseId:int}", async (int caseId, HttpContext http, PhotoRepositoryDbContext db, TimeProvider time) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            var key = MissingChildrenPhotos.AccessKeyFor(db, caseId);
            if (key is null) return Results.NotFound();
            var photo = await AvailablePhotos.FindAsync(db, key.Value, StateCalendar.Today(time), http.RequestAborted);
            if (photo is null) return Results.NotFound();
            var bytes = await AvailablePhotos.ThumbnailAsync(db, photo.Sha256, http.RequestAborted);
            return bytes is null ? Results.NotFound() : Results.File(bytes, "image/jpeg");
        }).RequireAuthorization(Policies.MissingChildrenList);
    }

    private static IResult NoStore(HttpContext http, byte[]? jpeg)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return jpeg is null ? Results.NotFound() : Results.File(jpeg, "image/jpeg");
    }

    private static async Task<IResult> ServeDojPhotoAsync(Guid accessKey, HttpContext http, PhotoRepositoryDbContext db, CaseContextStore cases, TimeProvider time, DisclosureKind? kind)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (cases.Read(http) is not { } context)
            return Results.Redirect("/State/Doj/Case?returnUrl=" + Uri.EscapeDataString("/State/Doj/Search"));

        var photo = await AvailablePhotos.FindAsync(db, accessKey, StateCalendar.Today(time), http.RequestAborted);
        if (photo is null) return Results.NotFound();
        var bytes = kind is null
            ? await AvailablePhotos.ThumbnailAsync(db, photo.Sha256, http.RequestAborted)
            : await AvailablePhotos.JpegAsync(db, photo.Sha256, http.RequestAborted);
        if (bytes is null) return Results.NotFound();

        if (kind is { } disclosed)
            await DisclosureLog.WriteAsync(db, DisclosureLog.For(disclosed, http.User.Identity!.Name!, context, time.GetUtcNow().UtcDateTime, photo.StateStudent), http.RequestAborted);

        return kind == DisclosureKind.PhotoDownloaded
            ? Results.File(bytes, "image/jpeg", AvailablePhotos.DownloadName(photo))
            : Results.File(bytes, "image/jpeg");
    }
}
