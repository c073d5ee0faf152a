using PhotoRepository.Core.Rules;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Tests.Sync;

namespace PhotoRepository.Core.Tests.Demographics;

/// <summary>The commit writes new students in slices; the file must still land whole or not at all.</summary>
public sealed class DemographicsCommitTests : IDisposable
{
    private readonly SyncDatabase _data = new();

    public void Dispose() => _data.Dispose();

    private (DemographicsPlan Plan, Dictionary<string, int> Schools) PlanFor(int rows)
    {
        var schools = _data.Read(db => db.Schools.Where(s => s.DistrictId == _data.Helena).ToDictionary(s => s.Code, s => s.Id, StringComparer.OrdinalIgnoreCase));
        var lines = Enumerable.Range(0, rows).Select(i => $"66{i:00000000},{i},Large,Kid{i},,2014-05-06,F,04,01,{i % 3}");
        var file = DemographicsFile.Parse(Encoding.UTF8.GetBytes(string.Join("\r\n", [DemographicsTemplate.Header, .. lines]) + "\r\n"));
        return (DemographicsPlan.Build(file, new Dictionary<string, Student>(), schools, StateIdClaim.NoneKnown, _data.Today), schools);
    }

    private async Task CommitAsync(DemographicsPlan plan)
    {
        await using var db = _data.NewContext();
        await using var tx = await db.Database.BeginTransactionAsync();
        await DemographicsCommit.SaveAsync(db, plan, _data.Helena, "whole-district.csv", "clerk", _data.Clock.Now.UtcDateTime, _data.Today);
        await tx.CommitAsync();
    }

    [Fact]
    public async Task Every_new_student_of_a_file_larger_than_one_slice_lands_with_its_history()
    {
        var rows = DemographicsCommit.SliceSize * 2 + 7;
        var (plan, _) = PlanFor(rows);

        await CommitAsync(plan);

        Assert.Equal(rows, _data.Read(db => db.Students.Count(s => s.LastName == "Large")));
        // Codes 1 and 2 are explicit choices: each one is a history row naming the file.
        Assert.Equal(rows - (rows + 2) / 3, _data.Read(db => db.OptInChanges.Count(c => c.FileName == "whole-district.csv")));
        Assert.Equal(rows, _data.Read(db => db.AuditEvents.Count(a => a.Action == "StudentAdded")));
    }

    [Fact]
    public async Task A_failure_in_a_late_slice_leaves_none_of_the_file_saved()
    {
        var (plan, _) = PlanFor(DemographicsCommit.SliceSize + 500);
        // After the preview, the same id lands in the district by another way: the last slice fails.
        _data.Student($"66{DemographicsCommit.SliceSize + 400:00000000}", _data.Helena, OptInChoice.Unknown);

        await Assert.ThrowsAsync<DbUpdateException>(() => CommitAsync(plan));

        Assert.Equal(1, _data.Read(db => db.Students.Count(s => s.StateStudentId.StartsWith("66"))));
        Assert.Equal(0, _data.Read(db => db.OptInChanges.Count(c => c.FileName == "whole-district.csv")));
    }
}
