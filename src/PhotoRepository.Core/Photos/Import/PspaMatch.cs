using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>What the index says about one image of the ZIP: its row, and the student or the reason there is none.</summary>
public sealed record PspaImage(PspaRow Row, ImportCandidate? Student, string Message);

/// <summary>
/// Matches a PSPA index's rows to the district's students: by the student ID column when there is one (state
/// ID or local number, leading zeros ignored), otherwise by last name, first name and grade. Nothing is
/// guessed: a row that fits no student or several is listed with the reason. A later row for the same
/// student is a retake and wins. A row whose names disagree with the student its ID matched is kept, with a warning.
/// </summary>
public sealed class PspaMatch
{
    /// <summary>By the image's path in the ZIP (case-insensitive, forward slashes).</summary>
    public Dictionary<string, PspaImage> Images { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rows naming an image the ZIP does not hold.</summary>
    public List<(PspaRow Row, string Message)> Missing { get; } = [];

    public PspaIndex Index { get; }

    /// <summary>The column matched by (1-based), or null for last name, first name and grade.</summary>
    public int? IdColumn { get; }

    public PspaMatch(PspaIndex index, int? idColumn, PhotoIdentifierKind kind, IReadOnlyCollection<ImportCandidate> students, ISet<string> zipPaths)
    {
        Index = index;
        IdColumn = idColumn;
        var label = index.Path.Replace('\\', '/').Split('/')[^1];
        var byId = idColumn is null ? null : students
            .Select(s => (Key: PhotoImportPlanner.Normalise(kind == PhotoIdentifierKind.StateStudentId ? s.StateStudentId : s.LocalStudentNumber), Student: s))
            .Where(x => x.Key.Length > 0).ToLookup(x => x.Key, x => x.Student, StringComparer.OrdinalIgnoreCase);
        var byName = students.ToLookup(s => NameKey(s.LastName, s.FirstName, s.Grade));
        var idName = kind == PhotoIdentifierKind.StateStudentId ? "state student ID" : "local student number";
        var winner = new Dictionary<int, PspaRow>();

        foreach (var row in index.Rows)
        {
            var path = index.BaseFolder + row.ImagePath;
            var at = $"{label} line {row.Line}";
            if (row.FileName.Length == 0) { Missing.Add((row, $"{at} names no image file.")); continue; }
            if (!zipPaths.Contains(path)) { Missing.Add((row, $"{at} ({row.Name}) names {row.ImagePath}, which is not in the ZIP.")); continue; }

            ImportCandidate? student = null;
            string message;
            if (byId is not null)
            {
                var id = idColumn!.Value - 1 < row.Fields.Count ? row.Fields[idColumn.Value - 1].Trim() : "";
                var found = id.Length == 0 ? [] : byId[PhotoImportPlanner.Normalise(id)].ToList();
                message = id.Length == 0 ? $"{at} ({row.Name}) has no {idName} in column {idColumn}: not imported."
                    : found.Count == 0 ? $"{at} ({row.Name}): no student with {idName} {id} in your district."
                    : found.Count > 1 ? $"{at}: {found.Count} students have {idName} {id} once leading zeros are ignored: upload their photos one by one."
                    : "";
                if (found.Count == 1)
                {
                    student = found[0];
                    message = SearchText.SameName(row.LastName, student.LastName) && SearchText.SameName(row.FirstName, student.FirstName)
                        ? $"{at}."
                        : $"{at}. Warning: the index names {row.Name}; the student with {idName} {id} is {student.LastName}, {student.FirstName}.";
                }
            }
            else
            {
                var found = byName[NameKey(row.LastName, row.FirstName, row.Grade)].ToList();
                message = found.Count == 0 ? $"{at}: no student named {row.Name} in grade {row.Grade} in your district."
                    : found.Count > 1 ? $"{at}: {found.Count} students are named {row.Name} in grade {row.Grade}: not guessed; upload this photo on the right student's page."
                    : $"{at}.";
                if (found.Count == 1) student = found[0];
            }
            Images[path] = new PspaImage(row, student, message);
            if (student is not null) winner[student.Id] = row; // rows are in file order: the last one wins
        }

        // A retake: only the student's last row imports; the earlier ones say which row replaced them.
        foreach (var (path, image) in Images.ToList())
            if (image.Student is { } s && winner[s.Id] != image.Row)
                Images[path] = image with { Student = null, Message = $"{label} line {image.Row.Line}: a later row (line {winner[s.Id].Line}) for {s.Name} is the retake and is imported instead." };
    }

    /// <summary>Names compared as search compares them (case, accents, punctuation ignored); grades without leading zeros.</summary>
    private static string NameKey(string last, string first, string grade) =>
        $"{SearchText.FoldWord(last)}|{SearchText.FoldWord(first)}|{PhotoImportPlanner.Normalise(grade).ToUpperInvariant()}";
}
