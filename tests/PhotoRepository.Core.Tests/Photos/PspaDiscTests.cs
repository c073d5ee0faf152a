using System.IO.Compression;
using System.Text;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;

namespace PhotoRepository.Core.Tests.Photos;

/// <summary>
/// School photographers' discs in the PSPA layout: an index beside folders of serially named images. Every
/// image is matched through its row (by the ID column or by names and grade), nothing is guessed, and each
/// problem names the index line. The discs are generated here as a photographer's software writes them.
/// </summary>
public class PspaDiscTests
{
    private static readonly PhotoPipeline Pipeline = new(new PhotoLimits());

    // Helena's roster as the wizard reads it: two Emma Olsons in grade 5 (different IDs), a Søren with an accent.
    private static readonly ImportCandidate[] Students =
    [
        Student(1, "4100000001", "101", "Baker", "Ava", "05"),
        Student(2, "4100000002", "102", "Olson", "Emma", "05"),
        Student(3, "4100000003", "103", "Olson", "Emma", "05"),
        Student(4, "4100000004", "104", "Kristiansen", "Søren", "K"),
        Student(5, "4100000005", "105", "Running Crane", "Lily", "11"),
    ];

    private static ImportCandidate Student(int id, string state, string local, string last, string first, string grade) =>
        new(id, state, local, $"{first} {last}") { LastName = last, FirstName = first, Grade = grade };

    /// <summary>One PSPA row: volume, folder, file, grade, last, first, home room, period, teacher, track, department, title, size (+ ID).</summary>
    private static string Row(string folder, string file, string grade, string last, string first, string? id = null, char d = '\t') =>
        string.Join(d, new[] { "FALL2026", folder, file, grade, last, first, "12", "", "Mrs. Hill", "", "", "", "640x800" }.Concat(id is null ? [] : [id]));

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                s.Write(bytes);
            }
        return buffer.ToArray();
    }

    private static (string, byte[]) Image(string path, int seed) => (path, PlaceholderPortrait.Jpeg(seed, 60, 80));

    private static (string, byte[]) Index(string path, Encoding encoding, params string[] lines) => (path, encoding.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    private static ImportPlan Plan(byte[] zip, PhotoIdentifierKind kind = PhotoIdentifierKind.StateStudentId, int? column = null) =>
        new PhotoImportPlanner(Pipeline).Plan(new MemoryStream(zip), kind, Students, default, column);

    private static PhotoImportItem Item(ImportPlan plan, string name) => plan.Items.Single(i => i.EntryName == name);

    [Fact]
    public void A_disc_with_a_headed_student_ID_column_matches_each_image_through_its_row_in_nested_folders()
    {
        var zip = Zip(
            Index("FALL2026/INDEX.TXT", Encoding.UTF8,
                string.Join('\t', "Volume", "Image Folder", "Image File Name", "Grade", "Last Name", "First Name", "Home Room", "Period", "Teacher", "Track", "Department", "Title", "Image Size", "Student ID"),
                Row("IMAGES/GR05", "00000001.JPG", "05", "Baker", "Ava", "4100000001"),
                Row("IMAGES/GR05", "00000002.JPG", "05", "Olson", "Emma", "0004100000003"),
                Row("IMAGES/GRK", "00000003.JPG", "K", "Kristiansen", "Soren", "4100000004")),
            Image("FALL2026/IMAGES/GR05/00000001.JPG", 1),
            Image("FALL2026/IMAGES/GR05/00000002.JPG", 2),
            Image("FALL2026/IMAGES/GRK/00000003.JPG", 3));

        var plan = Plan(zip);

        Assert.Equal("FALL2026/INDEX.TXT", plan.Index!.Path);
        Assert.Equal(14, plan.Index.NamedIdColumn);
        Assert.Equal((PhotoImportEntryKind.Matched, 1, 2), (Item(plan, "FALL2026/IMAGES/GR05/00000001.JPG").Kind, Item(plan, "FALL2026/IMAGES/GR05/00000001.JPG").StudentId, Item(plan, "FALL2026/IMAGES/GR05/00000001.JPG").IndexRow));
        // Two Emma Olsons, but the ID (leading zeros ignored) says which one.
        Assert.Equal(3, Item(plan, "FALL2026/IMAGES/GR05/00000002.JPG").StudentId);
        // "Soren" without the accent is the same name: no warning.
        var soren = Item(plan, "FALL2026/IMAGES/GRK/00000003.JPG");
        Assert.Equal((PhotoImportEntryKind.Matched, 4), (soren.Kind, soren.StudentId));
        Assert.DoesNotContain("Warning", soren.Message);
        Assert.Equal(PhotoImportEntryKind.Ignored, Item(plan, "FALL2026/INDEX.TXT").Kind);
    }

    [Fact]
    public void Without_an_ID_column_rows_match_by_last_name_first_name_and_grade_and_two_students_of_one_name_are_listed_not_guessed()
    {
        var zip = Zip(
            Index("index.txt", Encoding.UTF8,
                Row("", "00000001.jpg", "5", "BAKER", "Ava"),            // grade without the leading zero, name in capitals
                Row("", "00000002.jpg", "05", "Olson", "Emma"),           // two Emma Olsons in grade 5
                Row("", "00000003.jpg", "06", "Baker", "Ava"),            // no Ava Baker in grade 6
                Row("", "00000004.jpg", "11", "Running-Crane", "Lily")),  // punctuation does not matter
            Image("00000001.jpg", 1), Image("00000002.jpg", 2), Image("00000003.jpg", 3), Image("00000004.jpg", 4));

        var plan = Plan(zip);

        Assert.Null(plan.Index!.Header);
        Assert.Equal(1, Item(plan, "00000001.jpg").StudentId);
        var emma = Item(plan, "00000002.jpg");
        Assert.Equal((PhotoImportEntryKind.Unmatched, (int?)null), (emma.Kind, emma.StudentId));
        Assert.Contains("2 students are named Olson, Emma in grade 05", emma.Message);
        Assert.Contains("line 2", emma.Message);
        Assert.Equal(PhotoImportEntryKind.Unmatched, Item(plan, "00000003.jpg").Kind);
        Assert.Contains("no student named Baker, Ava in grade 06", Item(plan, "00000003.jpg").Message);
        Assert.Equal(5, Item(plan, "00000004.jpg").StudentId);
    }

    [Fact]
    public void The_clerk_picks_an_unnamed_ID_column_and_names_that_disagree_with_the_record_are_a_warning_not_a_block()
    {
        var zip = Zip(
            Index("DISC/Master.txt", Encoding.UTF8,
                Row("PHOTOS", "00000001.jpg", "05", "Baker", "Ava", "101", ','),
                Row("PHOTOS", "00000002.jpg", "05", "Smith", "Emma", "102", ',')),
            Image("DISC/PHOTOS/00000001.jpg", 1), Image("DISC/PHOTOS/00000002.jpg", 2));

        var plan = Plan(zip, PhotoIdentifierKind.LocalStudentNumber, column: 14);

        Assert.Equal(',', plan.Index!.Delimiter);
        Assert.Equal(1, Item(plan, "DISC/PHOTOS/00000001.jpg").StudentId);
        var renamed = Item(plan, "DISC/PHOTOS/00000002.jpg");
        Assert.Equal((PhotoImportEntryKind.Matched, 2), (renamed.Kind, renamed.StudentId));
        Assert.Contains("Warning: the index names Smith, Emma; the student with local student number 102 is Olson, Emma", renamed.Message);

        var outOfRange = Plan(zip, PhotoIdentifierKind.LocalStudentNumber, column: 20);
        Assert.Equal("Column 20 does not exist: the index DISC/Master.txt has 14 columns.", outOfRange.Error);
    }

    [Fact]
    public void A_retake_later_in_the_index_wins_and_the_earlier_picture_says_which_line_replaced_it()
    {
        var zip = Zip(
            Index("INDEX.TXT", Encoding.UTF8,
                Row("IMG", "00000001.jpg", "05", "Baker", "Ava", "4100000001"),
                Row("IMG", "00000002.jpg", "11", "Running Crane", "Lily", "4100000005"),
                Row("RETAKES", "00000001.jpg", "05", "Baker", "Ava", "4100000001")),
            Image("IMG/00000001.jpg", 1), Image("IMG/00000002.jpg", 2), Image("RETAKES/00000001.jpg", 3));

        var plan = Plan(zip, column: 14);

        var retake = Item(plan, "RETAKES/00000001.jpg");
        Assert.Equal((PhotoImportEntryKind.Matched, 1, 3), (retake.Kind, retake.StudentId, retake.IndexRow));
        var first = Item(plan, "IMG/00000001.jpg");
        Assert.Equal(PhotoImportEntryKind.Unmatched, first.Kind);
        Assert.Contains("a later row (line 3)", first.Message);
        Assert.Single(plan.Items, i => i.Kind == PhotoImportEntryKind.Matched && i.StudentId == 1);
    }

    [Fact]
    public void A_row_naming_a_missing_file_and_a_file_without_a_row_are_both_listed()
    {
        var zip = Zip(
            Index("INDEX.TXT", Encoding.UTF8,
                Row("IMG", "00000001.jpg", "05", "Baker", "Ava", "4100000001"),
                Row("IMG", "00000009.jpg", "11", "Running Crane", "Lily", "4100000005")),
            Image("IMG/00000001.jpg", 1), Image("IMG/00000002.jpg", 2));

        var plan = Plan(zip, column: 14);

        var missing = Item(plan, "IMG/00000009.jpg");
        Assert.Equal((PhotoImportEntryKind.Unmatched, PhotoImportOutcome.NotImported, 2), (missing.Kind, missing.Outcome, missing.IndexRow));
        Assert.Contains("which is not in the ZIP", missing.Message);
        var stray = Item(plan, "IMG/00000002.jpg");
        Assert.Equal(PhotoImportEntryKind.Unmatched, stray.Kind);
        Assert.Equal("Not listed in INDEX.TXT: not imported.", stray.Message);
    }

    [Fact]
    public void An_index_written_in_Windows_1252_reads_its_accented_names()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var zip = Zip(
            Index("INDEX.TXT", Encoding.GetEncoding(1252), Row("", "00000001.jpg", "K", "Kristiansen", "Søren")),
            Image("00000001.jpg", 1));

        var plan = Plan(zip);

        Assert.Equal("Søren", plan.Index!.Rows[0].FirstName);
        Assert.Equal(4, Item(plan, "00000001.jpg").StudentId);
    }

    [Fact]
    public void Without_an_index_the_wizard_matches_by_file_names_as_before()
    {
        var plan = Plan(Zip(Image("photos/4100000001.jpg", 1), Image("00000002.jpg", 2)));

        Assert.Null(plan.Index);
        Assert.Equal(1, Item(plan, "photos/4100000001.jpg").StudentId);
        Assert.Equal(PhotoImportEntryKind.Unmatched, Item(plan, "00000002.jpg").Kind);
    }
}
