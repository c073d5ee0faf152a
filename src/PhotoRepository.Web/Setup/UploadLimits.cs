using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using PhotoRepository.Core.Photos;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// An upload over the limit gets its page back with the size message, whatever its size: the photo page and
/// the wizard take a body up to their file limit plus room for the form fields (Kestrel's per-request limit and
/// the multipart limit set to the same figure), and a larger body, announced or discovered while reading, is
/// answered with a redirect to the same page and the message, never an error page. Nothing is stored.
/// </summary>
public static class UploadLimits
{
    private const long FormRoom = 1024 * 1024;

    public static void UseUploadLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<PhotoLimits>();
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || Limit(context.Request.Path, limits) is not { } limit)
            {
                await next(context);
                return;
            }
            if (context.Request.ContentLength > limit.Bytes + FormRoom)
            {
                Refuse(context, limit, context.Request.ContentLength.Value);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
                body.MaxRequestBodySize = limit.Bytes + FormRoom;
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit.Bytes + FormRoom }));
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException)
            {
                Refuse(context, limit, null);
            }
        });
    }

    private sealed record Limited(long Bytes, string Text, string What);

    private static Limited? Limit(PathString path, PhotoLimits limits)
    {
        if (path.StartsWithSegments("/District/Students/Photo", StringComparison.OrdinalIgnoreCase))
            return new Limited(limits.MaxFileBytes, limits.MaxFileText, "photo");
        if (path.Equals("/District/Import/Photos", StringComparison.OrdinalIgnoreCase) || path.Equals("/District/Import/Photos/Index", StringComparison.OrdinalIgnoreCase))
            return new Limited(limits.MaxZipBytes, $"{limits.MaxZipBytes / 1024 / 1024:N0} MB", "ZIP");
        return null;
    }

    private static void Refuse(HttpContext context, Limited limit, long? bytes)
    {
        var size = bytes is { } b ? $"The {limit.What} is {b / 1024.0 / 1024.0:0.0} MB" : $"The {limit.What} is larger than {limit.Text}";
        var temp = context.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context);
        temp["Message"] = $"{size}; the limit is {limit.Text}. Nothing was uploaded or changed.";
        temp.Save();
        // Back to the same page (the form), as a GET: the layout shows the message.
        context.Response.Redirect(context.Request.PathBase + context.Request.Path);
        // The rest of the body is not read: close the connection rather than wait for it.
        context.Response.Headers.Connection = "close";
    }
}
