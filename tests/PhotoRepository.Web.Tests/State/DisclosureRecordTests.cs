
namespace PhotoRepository.Web.Tests.State;

public class DisclosureRecordTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<long> AddRecordAsync(string user, string caseNumber, string criteria = "name \"x\"") =>
        await factory.WithDbAsync(async db =>
        {
            var r = new DisclosureRecord { At = factory.Time.GetUtcNow().UtcDateTime, UserName = user, Kind = DisclosureKind.Search, CaseNumber = caseNumber, Agency = "Agency", LegalBasis = LegalBasis.CourtOrderOrSubpoena, Criteria = criteria, ResultCount = 0 };
            db.DisclosureRecords.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });

    [Fact]
    public async Task A_disclosure_record_can_be_neither_edited_nor_deleted()
    {
        var id = await AddRecordAsync("someone@doj", "CASE-APPEND");
        var edit = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDbAsync(async db =>
        {
            var r = await db.DisclosureRecords.SingleAsync(x => x.Id == id);
            r.CaseNumber = "CHANGED";
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("DisclosureRecord rows are append-only", edit.Message);
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDbAsync(async db =>
        {
            db.DisclosureRecords.Remove(await db.DisclosureRecords.SingleAsync(x => x.Id == id));
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("DisclosureRecord rows are append-only", delete.Message);
        Assert.Equal("CASE-APPEND", factory.WithDb(db => db.DisclosureRecords.Single(x => x.Id == id).CaseNumber));
    }

    [Fact]
    public async Task Doj_users_see_only_their_own_history()
    {
        await AddRecordAsync(DemoData.DojStaff, "CASE-MINE");
        await AddRecordAsync("other.doj@example", "CASE-THEIRS");
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);
        var page = await doj.GetPageAsync("/State/Doj/History");
        Assert.Contains("CASE-MINE", page.Body!.TextContent);
        Assert.DoesNotContain("CASE-THEIRS", page.Body!.TextContent);
    }

    [Fact]
    public async Task Administrators_see_all_records_filtered_and_export_them_as_csv_with_formulas_neutralised()
    {
        await AddRecordAsync("a.doj@example", "CASE-FILTER-A", "=HYPERLINK(\"http://evil\")");
        await AddRecordAsync("b.doj@example", "CASE-FILTER-B");
        // Issue 12: administrators audit the whole record; state AIM staff see counts only (Security/DisclosureAttackTests).
        var state = await factory.SignedInClientAsync(DemoData.Administrator);

        var filtered = await state.GetPageAsync("/Admin/Disclosures?Filter.Case=CASE-FILTER-A");
        Assert.Contains("CASE-FILTER-A", filtered.Body!.TextContent);
        Assert.DoesNotContain("CASE-FILTER-B", filtered.Body!.TextContent);

        var csv = await state.GetAsync("/Admin/Disclosures?handler=Csv&Filter.User=a.doj");
        var text = await CsvDownload.ReadForExcelAsync(csv);
        Assert.Contains("CASE-FILTER-A", text);
        Assert.DoesNotContain("CASE-FILTER-B", text);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", text);
    }
}
