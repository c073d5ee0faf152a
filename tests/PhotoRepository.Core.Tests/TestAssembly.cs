using System.Runtime.CompilerServices;
using PhotoRepository.Core.Photos;

namespace PhotoRepository.Core.Tests;

internal static class TestAssembly
{
    /// <summary>
    /// ImageMagick reads its security policy once, when first used: apply the product's (as the app
    /// does at start-up) before any test makes a picture, so every test runs under it.
    /// </summary>
    [ModuleInitializer]
    internal static void ConfigureImageLibraries() => PhotoPipeline.ConfigureLibraries(new PhotoLimits());
}
