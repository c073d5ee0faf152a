namespace PhotoRepository.Web.Setup;

/// <summary>Photo bytes are served by endpoints, never as static files; every one is authorized and no-store.</summary>
public static class PhotoEndpoints
{
    public static void MapPhotoEndpoints(this WebApplication app)
    {
    }
}
