using Xunit.Abstractions;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Core.Tests.Sync;
using PhotoRepository.Tests.Shared;

namespace PhotoRepository.Core.Tests.SqlServer;

/// <summary>
/// The jobs' queries, rendered for SQL Server. Every Core test's context carries <see cref="SqlServerTranslation"/>,
/// so any query a job runs that SQL Server could not translate fails that test; here each job runs once under
/// its own name and its SQL Server queries are listed.
/// </summary>
public sealed class SqlServerTranslationTests(ITestOutputHelper output) : IDisposable
{
    private readonly SyncDatabase _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void A_query_SQL_Server_cannot_translate_is_refused_with_the_reason()
    {
        using var db = _data.NewContext();
        var untranslatable = db.Students.Where(s => Shout(s.LastName) == "DOE");

        var error = Assert.Throws<InvalidOperationException>(() => SqlServerTranslation.Translate(untranslatable.Expression));
        Assert.Contains("SQL Server cannot translate", error.Message);
    }

    private static string Shout(string s) => s.ToUpperInvariant();

    [Fact]
    public void A_query_renders_as_SQL_Server_TSql_with_the_district_filter()
    {
        using var db = _data.NewContext();
        var query = SqlServerTranslation.Translate(db.Students.Where(s => s.LastName.StartsWith("Do")).OrderBy(s => s.SearchName).Take(5).Expression)!;

        Assert.Contains("FROM [Students] AS [s]", query.Sql);
        Assert.Contains("TOP(", query.Sql);
        Assert.Contains("LIKE", query.Sql);
        Assert.Contains("[s].[DistrictId]", query.Sql); // the district isolation filter
    }

    [Fact]
    public async Task The_nightly_sync_job_queries_translate_for_SQL_Server()
    {
        _data.Student("100000001", _data.Helena, OptInChoice.OptIn, photoDaysOld: 30);
        _data.Student("100000002", _data.Missoula, OptInChoice.OptOut, photoDaysOld: 30);

        var queries = await RunAs("StateSyncJob (nightly sync)", async () =>
        {
            await using var db = _data.NewContext(ownQueryCache: true);
            await _data.Job(db).RunAsync(SyncTrigger.Manual, "test");
        });

        Assert.Contains(queries, q => q.Sql.Contains("[StateStudents]"));
        Assert.Contains(queries, q => q.Sql.Contains("[DistrictPhotos]") || q.Sql.Contains("[Students]"));
    }

    [Fact]
    public async Task The_photo_import_clean_up_job_queries_translate_for_SQL_Server()
    {
        var queries = await RunAs("PhotoImportCleanup (hourly)", async () =>
        {
            await using var db = _data.NewContext(ownQueryCache: true);
            await new PhotoImportCleanup(db, new PhotoRepository.Core.Photos.PhotoLimits { ImportFolder = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")) }, _data.Clock).RunAsync();
        });

        Assert.Contains(queries, q => q.Sql.Contains("[PhotoImportBatches]"));
    }

    /// <summary>Runs a job with its queries attributed to it, and prints what SQL Server would run.</summary>
    private async Task<List<SqlServerQuery>> RunAs(string origin, Func<Task> job)
    {
        SqlServerTranslation.Origin.Value = origin;
        try
        {
            await job();
        }
        finally
        {
            SqlServerTranslation.Origin.Value = null;
        }
        var queries = SqlServerTranslation.Seen.Where(q => q.Origin == origin).ToList();
        foreach (var q in queries) output.WriteLine($"-- {origin}{Environment.NewLine}{q.Sql}{Environment.NewLine}");
        return queries;
    }
}
