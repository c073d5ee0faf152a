using System.Net;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.State;

public class DojRateLimitTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Searches_over_the_per_minute_limit_get_a_429_page_telling_the_user_to_wait()
    {
        factory.Settings["Doj:SearchesPerMinute"] = "3";
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-RATE");
        for (var i = 0; i < 3; i++)
        {
            var (ok, _) = await doj.SearchAsync(new() { ["Input.Name"] = "anyone" + i });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        var (refused, page) = await doj.SearchAsync(new() { ["Input.Name"] = "one-more" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many searches", page.QuerySelector("#rate-limited")!.TextContent);
        Assert.Contains("Wait a minute", page.QuerySelector("#rate-limited")!.TextContent);
        // The refused search disclosed nothing, so it is not recorded.
        Assert.Equal(3, factory.WithDb(db => db.DisclosureRecords.Count(r => r.CaseNumber == "CASE-RATE")));
    }
}
