using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Tests.Shared;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;
using PhotoRepository.Web.Tests.State;
using Xunit.Abstractions;

namespace PhotoRepository.Web.Tests.SqlServer;

/// <summary>
/// SQL Server cannot run here, so each page is visited as its role on SQLite and every query it runs is
/// also compiled for SQL Server and rendered as T-SQL (<see cref="SqlServerTranslation"/>); a query SQL
/// Server could not translate fails the visit. The output lists each page's SQL Server queries under the page.
/// Every other web test carries the same check for the queries it runs (forms, imports, disclosures).
/// </summary>
public class SqlServerPageQueriesTests(SqlServerPageQueriesTests.OwnCacheFactory factory, ITestOutputHelper output) : IClassFixture<SqlServerPageQueriesTests.OwnCacheFactory>
{
    /// <summary>
    /// Its own compiled-query cache, emptied before each visit: EF compiles a query shape once and reuses it,
    /// so without this a page would list only the shapes no earlier page or test had compiled.
    /// </summary>
    public sealed class OwnCacheFactory : AppFactory
    {
        private readonly MemoryCache _queries = new(new MemoryCacheOptions());

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<PhotoRepositoryDbContext>(o => o.UseMemoryCache(_queries)));
        }

        public void ForgetCompiledQueries() => _queries.Clear();

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _queries.Dispose();
        }
    }

    public static TheoryData<string> Clerk => new(
        "/District", "/District/Students", "/District/Students?Filter.Q=an&Filter.Sort=grade&Filter.OptedInNoPhoto=true",
        "/District/Students?Filter.Consent=not-renewed&Filter.Sort=photo", "/District/Students/Details/{student}",
        "/District/Students/Photo/{student}", "/District/Photos/{student}", "/District/Photos/{student}/thumb",
        "/District/Students/Edit/{student}", "/District/Students/OptIn/{student}", "/District/Students/OptInForm/{student}",
        "/District/Import/Photos", "/District/Import/Demographics", "/District/Import/Demographics/Preview/{upload}",
        "/District/Contact", "/District/Notice", "/MissingChildren");

    public static TheoryData<string> State => new(
        "/State/Aim", "/State/Aim/SyncRuns", "/State/Aim/SyncRuns/Details/{run}",
        // The student lookup is posted (no names in URLs): its queries are the DOJ-style lookups checked elsewhere.
        "/State/Aim/SharedIds", "/State/Aim/Districts", "/State/Aim/Coverage", "/State/Aim/Disclosures");

    public static TheoryData<string> Doj => new(
        "/State/Doj", "/State/Doj/Photo?key={photo}", "/State/Doj/Flyer?key={photo}", "/State/Doj/History",
        "/State/Doj/Cases", "/State/Doj/Photos/{photo}", "/State/Doj/Photos/{photo}/thumb");

    public static TheoryData<string> Admin => new(
        "/Admin", "/Admin/Disclosures", "/Admin/Accounts/Create", "/Admin/Accounts/Edit/{account}", "/Admin/Districts",
        "/Admin/Audit?action=StudentChanged&from=2020-01-01");

    [Theory, MemberData(nameof(Clerk))]
    public Task District_clerk_pages(string url) => VisitAsync(DemoData.HelenaClerk, url);

    [Theory, MemberData(nameof(State))]
    public Task State_AIM_pages(string url) => VisitAsync(DemoData.StateStaff, url);

    [Theory, MemberData(nameof(Doj))]
    public Task DOJ_pages(string url) => VisitAsync(DemoData.DojStaff, url);

    [Theory, MemberData(nameof(Admin))]
    public Task Administrator_pages(string url) => VisitAsync(DemoData.Administrator, url);

    [Theory]
    [InlineData("Input.Name", "an")]
    [InlineData("Input.Name", "ma jo")]
    [InlineData("Input.BirthDate", "2014-05-06")]
    public async Task DOJ_search(string field, string value)
    {
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-SQLSERVER");
        var queries = await AttributedAsync($"POST /State/Doj/Search {field}={value}", async () =>
        {
            var (response, _) = await doj.SearchAsync(new() { [field] = value });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        Assert.Contains(queries, q => q.Sql.Contains("[StateStudents]"));
    }

    private async Task VisitAsync(string email, string url)
    {
        factory.Server.PreserveExecutionContext = true;
        var client = email == DemoData.DojStaff ? await StateRecords.DojWithCaseAsync(factory, "CASE-SQLSERVER") : await factory.SignedInClientAsync(email);
        var resolved = Resolve(url);
        var queries = await AttributedAsync("GET " + url, async () =>
        {
            var response = await client.GetAsync(resolved);
            Assert.True(response.StatusCode is HttpStatusCode.OK, $"GET {resolved}: {(int)response.StatusCode} {response.Headers.Location}");
        });
        // Every page here reads the database; none may have run a query SQL Server would refuse (that throws above).
        Assert.True(queries.Count > 0, $"GET {url} ran no query that was checked.");
    }

    private async Task<List<SqlServerQuery>> AttributedAsync(string origin, Func<Task> visit)
    {
        factory.Server.PreserveExecutionContext = true;
        factory.ForgetCompiledQueries();
        SqlServerTranslation.Origin.Value = origin;
        try
        {
            await visit();
        }
        finally
        {
            SqlServerTranslation.Origin.Value = null;
        }
        var queries = SqlServerTranslation.Seen.Where(q => q.Origin == origin).ToList();
        output.WriteLine($"==== {origin}: {queries.Count} query shapes compiled for SQL Server");
        foreach (var q in queries) output.WriteLine(q.Sql + Environment.NewLine);
        return queries;
    }

    private string Resolve(string url)
    {
        var values = new Dictionary<string, Func<string>>
        {
            ["{student}"] = () => factory.WithDb(db => db.Students.First(s => s.District!.Code == "0101" && s.Photo != null).Id.ToString()),
            ["{account}"] = () => factory.WithDb(db => db.Users.First().Id),
            ["{run}"] = () => factory.WithDb(db => db.SyncRuns.First().Id.ToString()),
            ["{upload}"] = () => factory.WithDb(db => District.DemographicsUploadSeed.HelenaUploadId(db)).ToString(),
            ["{photo}"] = () => factory.WithDb(db => db.StatePhotos.First().AccessKey.ToString()),
            ["{stateid}"] = () => factory.WithDb(db => db.StateStudents.First().StateStudentId),
        };
        return values.Where(v => url.Contains(v.Key)).Aggregate(url, (u, v) => u.Replace(v.Key, v.Value()));
    }
}
