using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Disclosure;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.State;

/// <summary>
/// The record of disclosures is written by one group-committing writer (issue 14). What an auditor needs of it:
/// every request's records are in the database when the request returns, each exactly once, however many
/// requests arrive together; a record that cannot be written fails its own request, never another's.
/// </summary>
public class DisclosureGroupCommitTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static DisclosureRecord Record(string user, string stateId) => new()
    {
        At = DateTime.UtcNow, UserName = user, Kind = DisclosureKind.PhotoViewed, StudentStateId = stateId,
        CaseNumber = "GROUP-1", Agency = "Group PD", LegalBasis = LegalBasis.MissingChildReport,
    };

    [Fact]
    public async Task Concurrent_requests_each_find_their_records_committed_when_they_return()
    {
        _ = factory.NewClient();
        var writer = factory.Services.GetRequiredService<DisclosureWriter>();
        var requests = Enumerable.Range(0, 60).Select(async i =>
        {
            var records = Enumerable.Range(0, 1 + i % 4).Select(j => Record($"group{i}@doj.example", $"G{i:000}{j}")).ToList();
            await writer.WriteAsync(records);
            // Read back at once, on another connection: committed, not just queued.
            var found = await factory.WithDbAsync(db => db.DisclosureRecords.CountAsync(r => r.UserName == $"group{i}@doj.example"));
            return (Expected: records.Count, Found: found);
        });
        var results = await Task.WhenAll(requests);
        Assert.All(results, r => Assert.Equal(r.Expected, r.Found));
        Assert.Equal(results.Sum(r => r.Expected), factory.WithDb(db => db.DisclosureRecords.Count(r => r.UserName.StartsWith("group"))));
    }

    [Fact]
    public async Task A_record_that_cannot_be_written_fails_its_own_request_and_no_other()
    {
        _ = factory.NewClient();
        var writer = factory.Services.GetRequiredService<DisclosureWriter>();
        var bad = Record("bad@doj.example", "BAD1");
        bad.UserName = null!; // NOT NULL in the database
        var good = Enumerable.Range(0, 20).Select(i => writer.WriteAsync(Record("good@doj.example", $"OK{i:00}"))).ToList();
        var failing = writer.WriteAsync(bad);
        good.AddRange(Enumerable.Range(20, 20).Select(i => writer.WriteAsync(Record("good@doj.example", $"OK{i:00}"))));

        await Assert.ThrowsAnyAsync<Exception>(() => failing);
        await Task.WhenAll(good);
        Assert.Equal(40, factory.WithDb(db => db.DisclosureRecords.Count(r => r.UserName == "good@doj.example")));
        Assert.Equal(0, factory.WithDb(db => db.DisclosureRecords.Count(r => r.StudentStateId == "BAD1")));
    }

    [Fact]
    public async Task A_record_reads_back_exactly_as_the_request_made_it()
    {
        // The writer uses its own INSERT: what an auditor reads through the app must be what was disclosed.
        _ = factory.NewClient();
        var writer = factory.Services.GetRequiredService<DisclosureWriter>();
        var at = new DateTime(2026, 11, 30, 14, 5, 6, DateTimeKind.Utc).AddTicks(1234567);
        var full = new DisclosureRecord
        {
            At = at, UserName = "exact@doj.example", Kind = DisclosureKind.SearchResult, StateStudentId = 41, DistrictId = 7,
            StudentStateId = "EXACT0001", CaseNumber = "CASE-Ä1", Agency = "Agence de police", LegalBasis = LegalBasis.CourtOrderOrSubpoena,
            Criteria = "name \"O'Brien\"; born 2015-03-04", ResultCount = 3,
        };
        var bare = new DisclosureRecord
        {
            At = at, UserName = "exact@doj.example", Kind = DisclosureKind.Search, StudentStateId = "",
            CaseNumber = "CASE-Ä1", Agency = "Agence de police", LegalBasis = LegalBasis.MissingChildReport,
        };
        await writer.WriteAsync([full, bare]);

        var read = await factory.WithDbAsync(db => db.DisclosureRecords.Where(r => r.UserName == "exact@doj.example").OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(2, read.Count);
        Assert.Equivalent(new { full.At, full.Kind, full.StateStudentId, full.DistrictId, full.StudentStateId, full.CaseNumber, full.Agency, full.LegalBasis, full.Criteria, full.ResultCount },
            new { read[0].At, read[0].Kind, read[0].StateStudentId, read[0].DistrictId, read[0].StudentStateId, read[0].CaseNumber, read[0].Agency, read[0].LegalBasis, read[0].Criteria, read[0].ResultCount });
        Assert.Equivalent(new { bare.At, bare.Kind, StateStudentId = (int?)null, DistrictId = (int?)null, bare.LegalBasis, Criteria = "", ResultCount = (int?)null },
            new { read[1].At, read[1].Kind, read[1].StateStudentId, read[1].DistrictId, read[1].LegalBasis, read[1].Criteria, read[1].ResultCount });
        // The time orders the record of disclosures and its filters: the same instant, to the tick.
        Assert.Equal(1, await factory.WithDbAsync(db => db.DisclosureRecords.CountAsync(r => r.UserName == "exact@doj.example" && r.At == at && r.Kind == DisclosureKind.SearchResult)));
    }
}
