using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Authorization;

// Inside the namespace, so Who.Admin wins over the test folder namespace "Admin".
using static PhotoRepository.Web.Tests.Infrastructure.Who;

/// <summary>
/// Every Razor Page route the app has, for every role, against this table. A page added without a
/// row here fails the test, so nobody ships a page whose access was never decided.
/// </summary>
public class AuthorizationMatrixTests(AppFactory factory) : IClassFixture<AppFactory>
{
    /// <summary>Who gets the page (200). Anyone else: anonymous goes to sign-in, a signed-in user is refused (403 page).</summary>
    private record Rule(string Url, params Who[] Allowed)
    {
        /// <summary>Pages that answer a GET with a redirect for the people allowed.</summary>
        public bool Redirects { get; init; }

        /// <summary>The status the allowed people get (the refusal page itself answers 403).</summary>
        public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

        /// <summary>Pages that send everyone elsewhere (e.g. the second sign-in step without a first).</summary>
        public string? AlwaysRedirectsTo { get; init; }

        /// <summary>Endpoints that answer GET only (photo bytes): routing answers a POST 405 before anything runs.</summary>
        public bool GetOnly { get; init; }
    }

    private static readonly Who[] Everyone = [Anonymous, Clerk, OtherClerk, State, Doj, Admin];
    private static readonly Who[] SignedIn = [Clerk, OtherClerk, State, Doj, Admin];

    // {student} is a Helena student (the clerk's own district) with a photo.
    private static readonly Dictionary<string, Rule> Table = new()
    {
        [""] = new("/", SignedIn) { Redirects = true },
        ["Index"] = new("/Index", SignedIn) { Redirects = true },
        ["Error"] = new("/Error", Everyone),
        ["Account/Login"] = new("/Account/Login", Everyone),
        ["Account/Logout"] = new("/Account/Logout", SignedIn) { Redirects = true },
        ["Account/LoginWith2fa"] = new("/Account/LoginWith2fa", Everyone) { AlwaysRedirectsTo = "/Account/Login" },
        ["Account/LoginWithRecoveryCode"] = new("/Account/LoginWithRecoveryCode", Everyone) { AlwaysRedirectsTo = "/Account/Login" },
        ["Account/EnableAuthenticator"] = new("/Account/EnableAuthenticator", SignedIn),
        ["Account/ChangePassword"] = new("/Account/ChangePassword", SignedIn),
        ["Account/AccessDenied"] = new("/Account/AccessDenied", Everyone) { Status = HttpStatusCode.Forbidden },
        ["District"] = new("/District", Clerk),
        ["District/Index"] = new("/District/Index", Clerk),
        ["District/Students"] = new("/District/Students", Clerk),
        ["District/Students/Index"] = new("/District/Students/Index", Clerk),
        ["District/Students/Details/{id:int}"] = new("/District/Students/Details/{student}", Clerk),
        ["District/Students/Photo/{id:int}"] = new("/District/Students/Photo/{student}", Clerk),
        ["District/Import/Photos"] = new("/District/Import/Photos", Clerk),
        ["District/Import/Photos/Index"] = new("/District/Import/Photos/Index", Clerk),
        ["/District/Photos/{studentId:int}"] = new("/District/Photos/{student}", Clerk) { GetOnly = true },
        ["/District/Photos/{studentId:int}/thumb"] = new("/District/Photos/{student}/thumb", Clerk) { GetOnly = true },
        ["/District/Import/Photos/{batchId:int}/items/{itemId:int}/thumb"] = new("/District/Import/Photos/0/items/0/thumb", Clerk) { Status = HttpStatusCode.NotFound, GetOnly = true },
        ["District/Import/Photos/Batch/{id:int}"] = new("/District/Import/Photos/Batch/0", Clerk) { Status = HttpStatusCode.NotFound },
        ["District/Students/Create"] = new("/District/Students/Create", Clerk),
        ["District/Students/Edit/{id:int}"] = new("/District/Students/Edit/{student}", Clerk),
        ["District/Students/OptIn/{id:int}"] = new("/District/Students/OptIn/{student}", Clerk),
        ["District/Students/OptInForm/{id:int}"] = new("/District/Students/OptInForm/{student}", Clerk),
        ["District/Students/OptInForms"] = new("/District/Students/OptInForms?School=1", Clerk),
        // The session-end warning asks when the session now ends: any signed-in user.
        ["/session"] = new("/session", Clerk, State, Doj, Admin) { GetOnly = true },
        ["District/Import/Demographics"] = new("/District/Import/Demographics", Clerk),
        ["District/Import/Demographics/Index"] = new("/District/Import/Demographics/Index", Clerk),
        ["District/Import/Demographics/Preview/{id:int}"] = new("/District/Import/Demographics/Preview/{upload}", Clerk),
        ["District/Contact"] = new("/District/Contact", Clerk),
        ["District/Contact/Index"] = new("/District/Contact/Index", Clerk),
        ["District/Notice"] = new("/District/Notice", Clerk),
        ["District/Notice/Index"] = new("/District/Notice/Index", Clerk),
        // Photo URLs. A DOJ user without a case context is sent to enter one; a monthly-list photo of no open case is not found.
        ["/State/Doj/Photos/{accessKey:guid}"] = new("/State/Doj/Photos/{photo}", Doj) { Redirects = true },
        ["/State/Doj/Photos/{accessKey:guid}/thumb"] = new("/State/Doj/Photos/{photo}/thumb", Doj) { Redirects = true },
        ["/State/Doj/Photos/{accessKey:guid}/download"] = new("/State/Doj/Photos/{photo}/download", Doj) { Redirects = true },
        // State AIM staff never receive photo bytes, not even the monthly list's.
        ["/MissingChildren/Photos/{caseId:int}"] = new("/MissingChildren/Photos/0", Clerk, Doj) { Status = HttpStatusCode.NotFound, GetOnly = true },
        ["State/Aim"] = new("/State/Aim", State),
        ["State/Aim/Index"] = new("/State/Aim/Index", State),
        ["State/Aim/SyncRuns"] = new("/State/Aim/SyncRuns", State),
        ["State/Aim/SyncRuns/Index"] = new("/State/Aim/SyncRuns/Index", State),
        ["State/Aim/SyncRuns/Details/{id:long}"] = new("/State/Aim/SyncRuns/Details/{run}", State),
        ["State/Doj"] = new("/State/Doj", Doj),
        ["State/Doj/Index"] = new("/State/Doj/Index", Doj),
        ["State/Aim/Students"] = new("/State/Aim/Students", State),
        ["State/Aim/Students/Index"] = new("/State/Aim/Students/Index", State),
        ["State/Aim/Districts"] = new("/State/Aim/Districts", State),
        ["State/Aim/Districts/Index"] = new("/State/Aim/Districts/Index", State),
        ["State/Aim/SharedIds"] = new("/State/Aim/SharedIds", State),
        ["State/Aim/SharedIds/Index"] = new("/State/Aim/SharedIds/Index", State),
        ["State/Aim/Coverage"] = new("/State/Aim/Coverage", State),
        ["State/Aim/Coverage/Index"] = new("/State/Aim/Coverage/Index", State),
        ["State/Aim/Disclosures"] = new("/State/Aim/Disclosures", State),
        ["State/Aim/Disclosures/Index"] = new("/State/Aim/Disclosures/Index", State),
        // DOJ pages that disclose send a user without a case context to enter one first.
        ["State/Doj/Case"] = new("/State/Doj/Case", Doj),
        ["State/Doj/Search"] = new("/State/Doj/Search", Doj) { Redirects = true },
        ["State/Doj/Photo"] = new("/State/Doj/Photo", Doj) { Redirects = true },
        ["State/Doj/Flyer"] = new("/State/Doj/Flyer", Doj) { Redirects = true },
        ["State/Doj/History"] = new("/State/Doj/History", Doj),
        ["State/Doj/Cases"] = new("/State/Doj/Cases", Doj),
        ["State/Doj/Cases/Index"] = new("/State/Doj/Cases/Index", Doj),
        ["State/Doj/Cases/Open"] = new("/State/Doj/Cases/Open", Doj),
        ["State/Doj/Cases/Edit/{id:int}"] = new("/State/Doj/Cases/Edit/0", Doj) { Status = HttpStatusCode.NotFound },
        ["MissingChildren"] = new("/MissingChildren", Clerk, State, Doj),
        ["MissingChildren/Index"] = new("/MissingChildren/Index", Clerk, State, Doj),
        ["Admin"] = new("/Admin", Admin),
        ["Admin/Disclosures"] = new("/Admin/Disclosures", Admin),
        ["Admin/Disclosures/Index"] = new("/Admin/Disclosures/Index", Admin),
        ["Admin/Index"] = new("/Admin/Index", Admin),
        ["Admin/Accounts/Create"] = new("/Admin/Accounts/Create", Admin),
        ["Admin/Accounts/Edit/{id}"] = new("/Admin/Accounts/Edit/{account}", Admin),
        ["Admin/Districts"] = new("/Admin/Districts", Admin),
        ["Admin/Districts/Index"] = new("/Admin/Districts/Index", Admin),
        ["Admin/Audit"] = new("/Admin/Audit", Admin),
        ["Admin/Audit/Index"] = new("/Admin/Audit/Index", Admin),
    };

    [Fact]
    public void Every_page_route_has_a_row_in_the_table()
    {
        var routes = PageRoutes();
        var missing = routes.Where(r => !Table.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Pages without an access rule: " + string.Join(", ", missing));
        var stale = Table.Keys.Where(k => !routes.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "Rules for pages that no longer exist: " + string.Join(", ", stale));
    }

    public static TheoryData<Who> Roles() => new(Everyone);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_reaches_exactly_the_pages_the_table_gives_it(Who who)
    {
        var client = who == Anonymous ? factory.NewClient() : await factory.SignedInClientAsync(who.Email()!);
        var resolve = UrlResolver();
        var failures = new List<string>();

        foreach (var (route, rule) in Table)
        {
            var url = resolve(rule.Url);
            var response = await client.GetAsync(url);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.ToString() ?? "";
            string expected;
            bool ok;
            if (rule.AlwaysRedirectsTo is { } target)
            {
                expected = "redirect to " + target;
                ok = response.StatusCode == HttpStatusCode.Redirect && location.StartsWith(target);
            }
            else if (who == OtherClerk && rule.Allowed.Contains(Clerk) && (rule.Url.Contains("{student}") || rule.Url.Contains("{upload}")))
            {
                expected = "404 (another district's record)";
                ok = response.StatusCode == HttpStatusCode.NotFound;
            }
            else if (rule.Allowed.Contains(who) || (who == OtherClerk && rule.Allowed.Contains(Clerk)))
            {
                expected = rule.Redirects ? "a redirect" : ((int)rule.Status).ToString();
                ok = rule.Redirects ? response.StatusCode == HttpStatusCode.Redirect && !location.Contains("/Account/Login") && !location.Contains("AccessDenied")
                                    : response.StatusCode == rule.Status;
            }
            else if (who == Anonymous)
            {
                expected = "redirect to sign-in";
                ok = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/Login");
            }
            else
            {
                expected = "refused";
                ok = (response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/AccessDenied"))
                     || response.StatusCode == HttpStatusCode.Forbidden;
            }
            if (!ok) failures.Add($"{who} GET {url} ({route}): expected {expected}, got {status} {location}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Posting_to_a_page_the_role_may_not_have_is_refused_before_any_handler_runs(Who who)
    {
        var client = who == Anonymous ? factory.NewClient() : await factory.SignedInClientAsync(who.Email()!);
        var resolve = UrlResolver();
        var failures = new List<string>();
        var allowedAs = who == OtherClerk ? Clerk : who;
        foreach (var (route, rule) in Table.Where(r => !r.Value.Allowed.Contains(allowedAs) && r.Value.AlwaysRedirectsTo is null && r.Value.Status == HttpStatusCode.OK && !r.Value.GetOnly))
        {
            var url = resolve(rule.Url);
            var response = await client.PostAsync(url, new FormUrlEncodedContent([]));
            var location = response.Headers.Location?.ToString() ?? "";
            // A GET-only endpoint (photo URLs) answers 405 to any POST: no handler exists to run.
            var refused = response.StatusCode == HttpStatusCode.MethodNotAllowed || (who == Anonymous
                ? response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/Login")
                : (response.StatusCode == HttpStatusCode.Redirect && (location.Contains("AccessDenied") || location.Contains("EnableAuthenticator"))) || response.StatusCode == HttpStatusCode.Forbidden);
            if (!refused) failures.Add($"{who} POST {url} ({route}): {(int)response.StatusCode} {location}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Fills a rule's placeholders with real records: a Helena student with a photo, an account, a run, an upload, a state photo.</summary>
    private Func<string, string> UrlResolver()
    {
        var values = new Dictionary<string, string>
        {
            ["{student}"] = factory.WithDb(db => db.Students.First(s => s.District!.Code == "0101" && s.Photo != null).Id.ToString()),
            ["{account}"] = factory.WithDb(db => db.Users.First().Id),
            ["{run}"] = factory.WithDb(db => db.SyncRuns.First().Id.ToString()),
            ["{upload}"] = factory.WithDb(db => District.DemographicsUploadSeed.HelenaUploadId(db)).ToString(),
            ["{photo}"] = factory.WithDb(db => db.StatePhotos.First().AccessKey.ToString()),
        };
        return url => values.Aggregate(url, (u, v) => u.Replace(v.Key, v.Value));
    }

    /// <summary>
    /// Photo bytes, route by route and role by role: only a clerk of the student's district, and DOJ staff with a
    /// case context, ever receive an image; each image DOJ receives wrote exactly one disclosure naming the child.
    /// </summary>
    [Fact]
    public async Task Photo_bytes_go_only_to_the_students_district_and_to_doj_with_a_case_each_doj_image_recorded_once()
    {
        _ = factory.NewClient();
        var student = factory.WithDb(db => db.Students.First(s => s.District!.Code == "0101" && s.Photo != null && s.StateStudentId != ""));
        var (photoKey, stateId) = await factory.WithDbAsync(async db =>
        {
            var helena = db.Districts.First(d => d.Code == "0101").Id;
            var state = db.StateStudents.FirstOrDefault(s => s.StateStudentId == student.StateStudentId);
            if (state is null)
            {
                state = new Core.Entities.StateStudent { StateStudentId = student.StateStudentId, FirstName = student.FirstName, LastName = student.LastName, BirthDate = student.BirthDate, DistrictId = helena };
                db.StateStudents.Add(state);
            }
            state.OptIn = Core.Entities.OptInChoice.OptIn;
            state.DistrictId = helena;
            var content = db.PhotoContents.First();
            if (db.StatePhotos.FirstOrDefault(p => p.StateStudentId == state.Id) is null)
                state.Photo = new Core.Entities.StatePhoto { Sha256 = content.Sha256, PhotoDate = PhotoRepository.Web.Tests.State.StateRecords.Today.AddMonths(-1), SourceDistrictId = helena, CopiedAt = DateTime.UtcNow };
            else state.Photo = db.StatePhotos.First(p => p.StateStudentId == state.Id);
            state.Photo!.PhotoDate = PhotoRepository.Web.Tests.State.StateRecords.Today.AddMonths(-1);
            await db.SaveChangesAsync();
            db.MissingChildCases.Add(new Core.Entities.MissingChildCase
            {
                CaseNumber = "MATRIX-CASE", Agency = "Matrix PD", ReportedOn = PhotoRepository.Web.Tests.State.StateRecords.Today, StateStudentId = state.Id, OpenedBy = "t", OpenedAt = DateTime.UtcNow,
                ChildFirstName = state.FirstName, ChildLastName = state.LastName, ChildBirthDate = state.BirthDate, ChildDistrictId = helena,
            });
            await db.SaveChangesAsync();
            return (state.Photo.AccessKey, state.StateStudentId);
        });
        var caseId = factory.WithDb(db => db.MissingChildCases.First(c => c.CaseNumber == "MATRIX-CASE").Id);
        // A Helena wizard preview with the processed photo its check kept for the student.
        var (batchId, itemId) = await factory.WithDbAsync(async db =>
        {
            var content = db.PhotoContents.First();
            var batch = new Core.Entities.PhotoImportBatch { DistrictId = student.DistrictId, ZipFileName = "matrix.zip", StoredFile = "", Status = Core.Entities.PhotoImportStatus.Previewed, CreatedBy = "t" };
            var item = new Core.Entities.PhotoImportItem { DistrictId = student.DistrictId, EntryName = "matrix.jpg", StudentId = student.Id, Kind = Core.Entities.PhotoImportEntryKind.Matched, Sha256 = content.Sha256 };
            batch.Items.Add(item);
            db.PhotoImportBatches.Add(batch);
            await db.SaveChangesAsync();
            db.PhotoImportContents.Add(new Core.Entities.PhotoImportContent { BatchId = batch.Id, DistrictId = student.DistrictId, Sha256 = content.Sha256, Jpeg = content.Jpeg, Thumbnail = content.Thumbnail });
            await db.SaveChangesAsync();
            return (batch.Id, item.Id);
        });
        string[] urls =
        [
            $"/District/Photos/{student.Id}", $"/District/Photos/{student.Id}/thumb", $"/State/Doj/Photos/{photoKey}", $"/State/Doj/Photos/{photoKey}/thumb",
            $"/State/Doj/Photos/{photoKey}/download", $"/MissingChildren/Photos/{caseId}", $"/District/Import/Photos/{batchId}/items/{itemId}/thumb",
        ];
        // Every endpoint that serves photo bytes (the non-page routes under a Photos segment) is tried.
        var photoRoutes = PageRoutes().Where(r => r.StartsWith("/") && r.Contains("/Photos/")).ToList();
        Assert.Equal(photoRoutes.Count, urls.Length);

        var failures = new List<string>();
        foreach (var (who, withCase) in Everyone.Select(w => (w, false)).Append((Doj, true)))
        {
            var client = who == Anonymous ? factory.NewClient() : await factory.SignedInClientAsync(who.Email()!);
            if (withCase) await PhotoRepository.Web.Tests.State.StateRecords.SetCaseAsync(client, "MATRIX-CASE", "Matrix PD");
            foreach (var url in urls)
            {
                var before = factory.WithDb(db => db.DisclosureRecords.Count(r => r.StudentStateId == stateId));
                var response = await client.GetAsync(url);
                var image = response.Content.Headers.ContentType?.MediaType == "image/jpeg";
                var written = factory.WithDb(db => db.DisclosureRecords.Count(r => r.StudentStateId == stateId)) - before;
                var mayHave = who == Clerk && url.StartsWith("/District") || (who == Clerk || who == OtherClerk) && url.StartsWith("/MissingChildren") || (withCase && !url.StartsWith("/District"));
                if (image != mayHave) failures.Add($"{who}{(withCase ? " with a case" : "")} GET {url}: image {image}, expected {mayHave} ({(int)response.StatusCode})");
                if (image && who == Doj && written != 1) failures.Add($"{who} GET {url}: {written} disclosure records naming the child, expected 1");
                if (!image && written != 0) failures.Add($"{who} GET {url}: no image but {written} records");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private HashSet<string> PageRoutes()
    {
        _ = factory.NewClient(); // starts the host
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            // Pages and every other endpoint (photo URLs, downloads); /health is public by design.
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(r => r != "/health")
            .ToHashSet();
    }
}
