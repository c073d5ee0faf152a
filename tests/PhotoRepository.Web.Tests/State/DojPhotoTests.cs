using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Tests.State;

/// <summary>Photo URLs: DOJ with a case only, never cached, every view and download recorded.</summary>
public class DojPhotoTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static DateOnly Today => StateRecords.Today;
    private static readonly DateOnly PhotoDate = Today.AddMonths(-4);

    private static string[] PhotoUrls(Guid key) =>
        [$"/State/Doj/Photos/{key}", $"/State/Doj/Photos/{key}/thumb", $"/State/Doj/Photos/{key}/download", $"/State/Doj/Photo?key={key}", $"/State/Doj/Flyer?key={key}"];

    [Fact]
    public async Task View_download_and_flyer_are_served_no_store_and_each_writes_one_record_with_the_student_and_case()
    {
        var (_, key) = await StateRecords.AddAsync(factory, "P100000001", "Photo", "Viewed", new(2013, 2, 1), OptInChoice.OptIn, PhotoDate);
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-PHOTO-1", "Billings Police");

        var view = await doj.GetAsync($"/State/Doj/Photos/{key}");
        var thumb = await doj.GetAsync($"/State/Doj/Photos/{key}/thumb");
        var download = await doj.GetAsync($"/State/Doj/Photos/{key}/download");
        var flyer = await doj.GetAsync($"/State/Doj/Flyer?key={key}");
        var page = await doj.GetAsync($"/State/Doj/Photo?key={key}");

        foreach (var r in new[] { view, thumb, download, flyer, page })
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.True(r.Headers.CacheControl?.NoStore, $"{r.RequestMessage!.RequestUri} is not no-store");
        }
        Assert.Equal("image/jpeg", view.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xFF, 0xD8], (await download.Content.ReadAsByteArrayAsync())[..2]);
        Assert.Equal($"P100000001-{PhotoDate:yyyy-MM-dd}.jpg", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        var flyerHtml = await flyer.Content.ReadAsStringAsync();
        Assert.Contains("CASE-PHOTO-1", flyerHtml);
        Assert.Contains("Billings Police", flyerHtml);
        Assert.Contains("taken " + PhotoDate.ToString("MMMM yyyy"), flyerHtml);

        var records = await factory.WithDbAsync(db => db.DisclosureRecords.Where(r => r.CaseNumber == "CASE-PHOTO-1").OrderBy(r => r.Id).ToListAsync());
        // Every photo response, the thumbnail included (issue 12), wrote one record naming the child.
        Assert.Equal([DisclosureKind.PhotoViewed, DisclosureKind.ThumbnailViewed, DisclosureKind.PhotoDownloaded, DisclosureKind.FlyerPrinted], records.Select(r => r.Kind));
        var helena = factory.WithDb(db => db.Districts.First(d => d.Code == "0101").Id);
        Assert.All(records, r =>
        {
            Assert.Equal("P100000001", r.StudentStateId);
            Assert.Equal(helena, r.DistrictId);
            Assert.NotNull(r.StateStudentId);
            Assert.Equal("Billings Police", r.Agency);
            Assert.Equal(DemoData.DojStaff, r.UserName);
        });
    }

    [Theory]
    [InlineData(Who.State)]
    [InlineData(Who.Clerk)]
    [InlineData(Who.Admin)]
    public async Task Other_roles_are_refused_every_photo_url(Who who)
    {
        var (_, key) = await StateRecords.AddAsync(factory, "P2" + (int)who + "0000001", "Refused", "Child" + who, new(2012, 3, 3), OptInChoice.OptIn, PhotoDate);
        var client = await factory.SignedInClientAsync(who.Email()!);
        foreach (var url in PhotoUrls(key))
        {
            var response = await client.GetAsync(url);
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                          || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied"));
            Assert.True(refused, $"{who} GET {url} gave {(int)response.StatusCode} {response.Headers.Location}");
            Assert.NotEqual("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in_and_doj_without_a_case_is_sent_to_enter_one()
    {
        var (_, key) = await StateRecords.AddAsync(factory, "P300000001", "Anon", "Child", new(2012, 3, 3), OptInChoice.OptIn, PhotoDate);
        var anonymous = factory.NewClient();
        var noCase = await factory.SignedInClientAsync(DemoData.DojStaff);
        foreach (var url in PhotoUrls(key))
        {
            var a = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, a.StatusCode);
            Assert.Contains("/Account/Login", a.Headers.Location!.OriginalString);
            var d = await noCase.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, d.StatusCode);
            Assert.StartsWith("/State/Doj/Case", d.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task Photos_no_longer_available_and_unknown_keys_answer_404_and_record_nothing()
    {
        var (_, outKey) = await StateRecords.AddAsync(factory, "P400000001", "Gone", "Optedout", new(2012, 3, 3), OptInChoice.OptOut, PhotoDate);
        var (_, oldKey) = await StateRecords.AddAsync(factory, "P400000002", "Gone", "Expired", new(2012, 3, 3), OptInChoice.OptIn, Today.AddYears(-2));
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-404");
        foreach (var key in new[] { outKey, oldKey, Guid.NewGuid() })
            foreach (var url in PhotoUrls(key))
                Assert.Equal(HttpStatusCode.NotFound, (await doj.GetAsync(url)).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.DisclosureRecords.AnyAsync(r => r.CaseNumber == "CASE-404")));
    }

    [Fact]
    public async Task The_case_context_cookie_does_not_follow_another_user_and_cannot_be_forged()
    {
        // The demo DOJ user's real, protected case cookie, as their browser holds it.
        var owner = await factory.SignedInClientAsync(DemoData.DojStaff);
        var casePage = await owner.GetPageAsync("/State/Doj/Case");
        var set = await owner.SubmitAsync(casePage, "#case-form", new Dictionary<string, string>
        {
            ["Input.CaseNumber"] = "CASE-COOKIE", ["Input.Agency"] = "Helena Police Department", ["Input.LegalBasis"] = "MissingChildReport",
        });
        var caseCookie = set.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(CaseContextStore.CookieName + "="));

        // Control: the same user in another browser, handed only that cookie, reaches the search.
        var sameUser = await factory.SignedInClientAsync(DemoData.DojStaff);
        sameUser.DefaultRequestHeaders.Add("Cookie", caseCookie);
        Assert.Equal(HttpStatusCode.OK, (await sameUser.GetAsync("/State/Doj/Search")).StatusCode);

        // Another DOJ user handed the same cookie is sent to enter a case of their own, and searches nothing under it.
        var other = await OtherDojUserAsync("second.investigator@doj.example");
        other.DefaultRequestHeaders.Add("Cookie", caseCookie);
        var response = await other.GetAsync("/State/Doj/Search");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/State/Doj/Case", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync($"/State/Doj/Photos/{Guid.NewGuid()}")).StatusCode);

        var forged = await factory.SignedInClientAsync(DemoData.DojStaff);
        forged.DefaultRequestHeaders.Add("Cookie", CaseContextStore.CookieName + "=not-a-protected-value");
        var refused = await forged.GetAsync("/State/Doj/Search");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/State/Doj/Case", refused.Headers.Location!.OriginalString);
        Assert.False(await factory.WithDbAsync(db => db.DisclosureRecords.AnyAsync(r => r.CaseNumber == "CASE-COOKIE" && r.UserName != DemoData.DojStaff)));
    }

    /// <summary>A second DOJ account, with the demo authenticator key so the test can sign it in.</summary>
    private async Task<HttpClient> OtherDojUserAsync(string email)
    {
        await factory.WithDbAsync(async _ =>
        {
            using var scope = factory.Services.CreateScope();
            var (user, errors) = await AccountSeeder.CreateAsync(scope.ServiceProvider, email, DemoData.Password, Roles.DojStaff, "Second investigator");
            Assert.True(user is not null, string.Join(" ", errors));
            await AccountSeeder.EnableDemoTwoFactorAsync(scope.ServiceProvider, user!, DemoData.AuthenticatorKey);
            return 0;
        });
        return await factory.SignedInClientAsync(email);
    }
}
