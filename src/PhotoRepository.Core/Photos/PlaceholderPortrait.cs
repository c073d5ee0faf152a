using NetVips;

namespace PhotoRepository.Core.Photos;

/// <summary>
/// A generated head-and-shoulders silhouette on a coloured ground: demo and test pictures that are
/// never real faces.
/// </summary>
public static class PlaceholderPortrait
{
    public static byte[] Jpeg(int seed, int width = 600, int height = 800)
    {
        var random = new Random(seed);
        double[] background = [60 + random.Next(160), 60 + random.Next(160), 60 + random.Next(160)];
        double[] figure = [background[0] * 0.45, background[1] * 0.45, background[2] * 0.45];
        using var ground = Image.Black(width, height, bands: 3).Linear([1.0, 1.0, 1.0], background).Cast(Enums.BandFormat.Uchar);
        using var portrait = ground.Mutate(m =>
        {
            m.DrawCircle(figure, width / 2, height * 2 / 5, width / 5, fill: true);
            m.DrawCircle(figure, width / 2, height + width / 8, width / 2, fill: true);
        });
        return portrait.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
    }
}
