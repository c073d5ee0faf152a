namespace PhotoRepository.Core.Photos.Import;

/// <summary>Where uploaded ZIPs wait for their import. Names are ours (a GUID), never the clerk's file name.</summary>
public static class PhotoImportFiles
{
    public static string NewName() => Guid.NewGuid().ToString("N") + ".zip";

    /// <summary>True for a name <see cref="NewName"/> could have made: 32 hex digits and ".zip".</summary>
    public static bool IsStoredName(string name) =>
        name.Length == 36 && name.EndsWith(".zip", StringComparison.Ordinal) && name[..32].All(char.IsAsciiHexDigitLower);

    public static string PathOf(PhotoLimits limits, string storedFile)
    {
        if (storedFile.Length == 0 || storedFile.IndexOfAny(['/', '\\']) >= 0 || storedFile.Contains(".."))
            throw new ArgumentException("Not a stored import name.", nameof(storedFile));
        return Path.Combine(Path.GetFullPath(limits.ImportFolder), storedFile);
    }

    public static void Delete(PhotoLimits limits, string storedFile)
    {
        try
        {
            File.Delete(PathOf(limits, storedFile));
        }
        catch (IOException)
        {
            // A file still open elsewhere stays behind (an operator can clear the folder); never fail an import for it.
        }
    }
}
