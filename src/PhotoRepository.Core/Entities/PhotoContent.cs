namespace PhotoRepository.Core.Entities;

/// <summary>
/// The bytes of a processed photo, content-addressed by SHA-256 and immutable. District and state
/// photos point at it; it is deleted only when nothing points at it any more.
/// Kept apart from the photo rows so lists never load blobs.
/// </summary>
public class PhotoContent
{
    public required string Sha256 { get; set; }
    public required byte[] Jpeg { get; set; }
    public required byte[] Thumbnail { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTime CreatedAt { get; set; }
}
