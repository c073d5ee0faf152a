using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Tests.Sync;

namespace PhotoRepository.Core.Tests.Data;

/// <summary>
/// SQLite's two-letter pairs (DOJ search by a short name part, decision 0012) are kept by triggers, not by the app.
/// Over random histories of state records (added, renamed, opted in and out, born on another date, removed), the
/// table must always hold exactly what a reference model says: for every opted-in student, each two consecutive
/// characters inside one part of the stored search name, with the student's name and birth date.
/// </summary>
public sealed class StateStudentNamePairsTests : IDisposable
{
    private readonly SyncDatabase _database = new();

    private static readonly string[] LastNames = ["Ólafsdóttir", "Two Bulls", "Li", "O", "Ng", "Peña", "Žižek-Ng", "Anna", "Ba"];
    private static readonly string[] FirstNames = ["Seán", "Aiyana", "Wu", "Jo", "A", "Ann", "Mary Kate", "Zoë"];
    private static readonly OptInChoice?[] Choices = [OptInChoice.OptIn, OptInChoice.OptIn, OptInChoice.OptOut, OptInChoice.Unknown, null];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_pairs_follow_every_change_to_the_state_records(int seed)
    {
        var random = new Random(seed);
        var next = 0;
        var stepsWithPairs = 0;
        for (var step = 0; step < 40; step++)
        {
            using (var db = _database.NewContext())
            {
                var students = db.StateStudents.ToList();
                var student = students.Count == 0 ? null : students[random.Next(students.Count)];
                switch (student is null ? 0 : random.Next(6))
                {
                    case 0:
                        db.StateStudents.Add(new StateStudent
                        {
                            StateStudentId = $"P{seed}-{next++}", LastName = Pick(LastNames, random), FirstName = Pick(FirstNames, random),
                            BirthDate = new DateOnly(2012, 1, 1).AddDays(random.Next(900)), OptIn = Pick(Choices, random),
                        });
                        break;
                    case 1: student!.LastName = Pick(LastNames, random); break;
                    case 2: student!.FirstName = Pick(FirstNames, random); break;
                    case 3: student!.OptIn = Pick(Choices, random); break;
                    case 4: student!.BirthDate = student.BirthDate.AddDays(random.Next(-30, 30)); break;
                    default: db.StateStudents.Remove(student!); break;
                }
                db.SaveChanges();
            }
            var expected = Expected();
            Assert.Equal(expected, Stored());
            if (expected.Count > 0) stepsWithPairs++;
        }
        Assert.True(stepsWithPairs >= 10, $"only {stepsWithPairs} steps had pairs"); // an empty table would prove little
    }

    [Fact]
    public void An_opted_in_students_pairs_are_there_and_nobody_elses()
    {
        using (var db = _database.NewContext())
        {
            db.StateStudents.AddRange(
                new StateStudent { StateStudentId = "N1", LastName = "Ng", FirstName = "Zoë", BirthDate = new(2014, 5, 17), OptIn = OptInChoice.OptIn },
                new StateStudent { StateStudentId = "N2", LastName = "Ng", FirstName = "Wu", BirthDate = new(2013, 1, 2), OptIn = OptInChoice.OptOut });
            db.SaveChanges();
        }
        // "ng zoe": ng, zo, oe; never "gz" across the space, and nothing of the opted-out child.
        Assert.Equal(["ng Ng Zoë 2014-05-17", "oe Ng Zoë 2014-05-17", "zo Ng Zoë 2014-05-17"],
            StoredPairs().Select(p => $"{p.Pair} {p.LastName} {p.FirstName} {p.BirthDate:yyyy-MM-dd}").ToList());
    }

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];

    /// <summary>The reference model: computed here from each student's stored columns, never by the app's code.</summary>
    private List<string> Expected()
    {
        using var db = _database.NewContext();
        return db.StateStudents.AsNoTracking().Where(s => s.OptIn == OptInChoice.OptIn).ToList()
            .SelectMany(s => s.SearchName.Split(' ')
                .SelectMany(part => Enumerable.Range(0, Math.Max(0, part.Length - 1)).Select(i => part.Substring(i, 2)))
                .Distinct()
                .Select(pair => Key(pair, s.LastName, s.FirstName, s.BirthDate, s.Id)))
            .Order(StringComparer.Ordinal).ToList();
    }

    private List<string> Stored() => StoredPairs().Select(p => Key(p.Pair, p.LastName, p.FirstName, p.BirthDate, p.StateStudentId)).Order(StringComparer.Ordinal).ToList();

    private List<StateStudentNamePair> StoredPairs()
    {
        using var db = _database.NewContext();
        return db.StateStudentNamePairs.AsNoTracking().OrderBy(p => p.Pair).ThenBy(p => p.LastName).ToList();
    }

    private static string Key(string pair, string last, string first, DateOnly born, int id) => $"{pair}|{last}|{first}|{born:yyyy-MM-dd}|{id}";

    public void Dispose() => _database.Dispose();
}
