using System.Globalization;
using System.Text;
using PhotoRepository.Core.Csv;

namespace PhotoRepository.Core.Demographics;

/// <summary>
/// Reads a demographics template file as districts' exports really are: UTF-8 with or without BOM,
/// CRLF or LF, quoted fields with commas, any letters in names, spaces around codes. A file with the
/// wrong columns is refused whole; a bad line is rejected with its line number, column and reason.
/// </summary>
public static class DemographicsFile
{
    public sealed record Result(IReadOnlyList<DemographicsRow> Rows, IReadOnlyList<RowRejection> Rejections, string? FileError)
    {
        public static Result Refused(string error) => new([], [], error);
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "M/d/yyyy", "MM/dd/yyyy", "yyyy/MM/dd"];

    public static Result Parse(byte[] bytes)
    {
        if (bytes.Length == 0) return Result.Refused("The file is empty. " + Expected);
        if (bytes.Length > DemographicsTemplate.MaxBytes)
            return Result.Refused($"The file is {bytes.Length / 1024 / 1024.0:0.0} MB; the limit is {DemographicsTemplate.MaxBytes / 1024 / 1024} MB. Split it by school and upload each part.");
        try
        {
            return ParseText(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Result.Refused("The file is not UTF-8 text. Save it from your spreadsheet as \"CSV UTF-8\" and upload it again.");
        }
    }

    private static string Expected => "Expected a header row with the columns: " + DemographicsTemplate.Header + ".";

    private static Result ParseText(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var records = CsvFile.Read(reader).GetEnumerator();
        if (!records.MoveNext()) return Result.Refused("The file is empty. " + Expected);
        var header = records.Current.Fields.Select(h => h.Trim()).ToArray();

        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++) index.TryAdd(header[i], i);
        var missing = DemographicsTemplate.Columns.Where(c => !index.ContainsKey(c)).ToList();
        var unknown = header.Where(h => !DemographicsTemplate.Columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0 || unknown.Count > 0 || header.Length != DemographicsTemplate.Columns.Length)
        {
            var problems = new List<string>();
            if (missing.Count > 0) problems.Add("missing " + string.Join(", ", missing));
            if (unknown.Count > 0) problems.Add("unexpected " + string.Join(", ", unknown.Select(u => u.Length == 0 ? "(blank)" : u)));
            if (problems.Count == 0) problems.Add("a column appears twice");
            return Result.Refused($"The columns are wrong ({string.Join("; ", problems)}). Nothing was read. {Expected}");
        }

        var rows = new List<DemographicsRow>();
        var rejections = new List<RowRejection>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Malformed)
            {
                rejections.Add(new(record.Line, "(line)", "A quote is not closed or is misplaced."));
                continue;
            }
            if (record.Fields.Count != header.Length)
            {
                rejections.Add(new(record.Line, "(line)", $"The line has {record.Fields.Count} fields; the header has {header.Length}. A name with a comma must be in quotes."));
                continue;
            }
            var fields = record.Fields;
            string F(string column) => fields[index[column]].Trim();
            var row = ReadRow(record.Line, F, rejections);
            if (row is not null) rows.Add(row);
        }
        return new Result(rows, rejections, null);
    }

    private static DemographicsRow? ReadRow(int line, Func<string, string> field, List<RowRejection> rejections)
    {
        var before = rejections.Count;
        void Reject(string column, string reason) => rejections.Add(new(line, column, reason));

        var stateId = field(DemographicsTemplate.StateStudentId);
        if (stateId.Length == 0) Reject(DemographicsTemplate.StateStudentId, "Missing state student ID.");
        else if (stateId.Length > 20 || !stateId.All(char.IsAsciiLetterOrDigit)) Reject(DemographicsTemplate.StateStudentId, $"\"{stateId}\" is not a state student ID (letters and digits, at most 20).");

        var local = field(DemographicsTemplate.LocalStudentNumber);
        if (local.Length > 20) Reject(DemographicsTemplate.LocalStudentNumber, "Longer than 20 characters.");

        var last = field(DemographicsTemplate.LastName);
        var first = field(DemographicsTemplate.FirstName);
        var middle = field(DemographicsTemplate.MiddleName);
        if (last.Length == 0) Reject(DemographicsTemplate.LastName, "Missing last name.");
        if (first.Length == 0) Reject(DemographicsTemplate.FirstName, "Missing first name.");
        foreach (var (column, value) in new[] { (DemographicsTemplate.LastName, last), (DemographicsTemplate.FirstName, first), (DemographicsTemplate.MiddleName, middle) })
            if (value.Length > 100) Reject(column, "Longer than 100 characters.");

        var birthText = field(DemographicsTemplate.BirthDate);
        DateOnly birth = default;
        if (birthText.Length == 0) Reject(DemographicsTemplate.BirthDate, "Missing birth date.");
        else if (!DateOnly.TryParseExact(birthText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out birth))
            Reject(DemographicsTemplate.BirthDate, $"\"{birthText}\" is not a date (use YYYY-MM-DD).");

        var gender = field(DemographicsTemplate.Gender);
        if (gender.Length > 20) Reject(DemographicsTemplate.Gender, "Longer than 20 characters.");

        var gradeText = field(DemographicsTemplate.Grade);
        var grade = DemographicsTemplate.NormalizeGrade(gradeText);
        if (grade is null) Reject(DemographicsTemplate.Grade, $"\"{gradeText}\" is not a grade (PK, K, 01 to 12).");

        var school = field(DemographicsTemplate.SchoolCode);
        if (school.Length == 0) Reject(DemographicsTemplate.SchoolCode, "Missing school code.");

        var code = field(DemographicsTemplate.OptIn);
        if (!DemographicsTemplate.TryParseOptIn(code, out var optIn))
            Reject(DemographicsTemplate.OptIn, $"Unknown code \"{code}\" (use 1 Opt In, 2 Opt Out, 0 or blank Unknown).");

        if (rejections.Count > before) return null;
        return new DemographicsRow(line, stateId, local, last, first, middle, birth, gender, grade!, school, optIn);
    }
}
