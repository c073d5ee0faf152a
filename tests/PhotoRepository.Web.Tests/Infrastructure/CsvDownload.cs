using System.Text;

namespace PhotoRepository.Web.Tests.Infrastructure;

public static class CsvDownload
{
    /// <summary>
    /// A CSV download as Excel must receive it: labelled UTF-8 and starting with the UTF-8 byte order mark
    /// (without it Excel reads "Peña" as "PeÃ±a"). Returns the text after the mark.
    /// </summary>
    public static async Task<string> ReadForExcelAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes is [0xEF, 0xBB, 0xBF, ..], "the CSV does not start with the UTF-8 byte order mark");
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
    }
}
