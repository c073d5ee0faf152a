using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;

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
    }

    private static IResult NoStore(HttpContext http, byte[]? jpeg)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return jpeg is null ? Results.NotFound() : Results.File(jpeg, "image/jpeg");
    }
}
