using System.Net;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.District;

public class IsolationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_clerk_asking_for_another_districts_student_by_url_gets_404()
    {
        var (own, other) = factory.WithDb(db => (
            db.Students.First(s => s.District!.Code == "0101").Id,
            db.Students.First(s => s.District!.Code == "0202").Id));
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/District/Students/Details/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/District/Students/Details/{other}")).StatusCode);
    }

    [Fact]
    public async Task The_student_list_shows_only_the_clerks_own_district()
    {
        var otherIds = factory.WithDb(db => db.Students.Where(s => s.District!.Code != "0101").Select(s => s.StateStudentId).ToHashSet());
        var ownCount = factory.WithDb(db => db.Students.Count(s => s.District!.Code == "0101"));
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);

        var page = await client.GetPageAsync("/District/Students");
        var shown = page.QuerySelectorAll("table.list tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.NotEmpty(shown);
        Assert.DoesNotContain(shown, otherIds.Contains);
        Assert.True(shown.Count <= ownCount);
    }
}
