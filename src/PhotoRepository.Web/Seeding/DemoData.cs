using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NetVips;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Seeding;

/// <summary>
/// Demo districts, schools, about 300 students and one account per role. Only where configured
/// (Development and tests); deterministic, so tests can rely on it; runs once on an empty database.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo-Passw0rd!";
    public const string HelenaClerk = "clerk.helena@demo.example";
    public const string MissoulaClerk = "clerk.missoula@demo.example";
    public const string BigSkyClerk = "clerk.bigsky@demo.example";
    public const string StateStaff = "aim@demo.example";
    public const string DojStaff = "doj@demo.example";
    public const string Administrator = "admin@demo.example";

    /// <summary>
    /// The demo DOJ and administrator accounts sign in with two factors; add this key to any
    /// authenticator app (README). Never used outside demo data.
    /// </summary>
    public const string AuthenticatorKey = "MISSINGCHILDDEMOKEYPHOTOSABCDEFG";

    private static readonly string[] FirstNames =
        ["Seán", "Zoë", "José", "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Amelia", "Élodie", "Björn", "Chloé", "Hunter",
         "Aiyana", "Takoda", "Nguyễn Minh", "Søren", "Renée", "Dakota", "Mary-Kate", "D'Andre", "Łucja", "Ana", "Wyatt", "Sophia"];
    private static readonly string[] LastNames =
        ["O'Brien", "Johnson", "García", "Smith", "Running Crane", "Müller", "Peña", "Anderson", "Two Bulls", "Nguyen", "Larsen",
         "Wilson", "Martínez", "Brown", "Old Coyote", "Schmidt", "Davis", "Jørgensen", "Miller", "Thompson", "Žižek", "Black Elk"];
    private static readonly string[] Grades = ["K", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];

    private sealed record DistrictSeed(string Code, string Name, string Contact, string Email, string Phone, int Students, string Clerk, (string Code, string Name)[] Schools);

    private static readonly DistrictSeed[] Districts =
    [
        new("0101", "Helena Public Schools", "Dana Whitford", "dwhitford@helena.demo.example", "406-555-0101", 120, HelenaClerk,
            [("0101-01", "Bryant Elementary"), ("0101-02", "Helena Middle School"), ("0101-03", "Capital High School")]),
        new("0202", "Missoula County Public Schools", "Luis Ortega", "lortega@mcps.demo.example", "406-555-0202", 110, MissoulaClerk,
            [("0202-01", "Hawthorne Elementary"), ("0202-02", "Washington Middle School"), ("0202-03", "Big Sky High School")]),
        new("0303", "Big Sky Rural School District", "Marian Two Feathers", "mtwofeathers@bigsky.demo.example", "406-555-0303", 70, BigSkyClerk,
            [("0303-01", "Ophir School"), ("0303-02", "Lone Peak High School")]),
    ];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PhotoRepositoryDbContext>();
        if (await db.Districts.AnyAsync()) return;
        var time = services.GetRequiredService<TimeProvider>();
        var today = StateCalendar.Today(time);
        var now = time.GetUtcNow().UtcDateTime;
        var random = new Random(2026);
        var stateId = 4_100_000_000L;

        foreach (var d in Districts)
        {
            var district = new District { Code = d.Code, Name = d.Name, ContactName = d.Contact, ContactEmail = d.Email, ContactPhone = d.Phone };
            district.Schools.AddRange(d.Schools.Select(s => new School { Code = s.Code, Name = s.Name }));
            db.Districts.Add(district);
            await db.SaveChangesAsync();

            for (var i = 0; i < d.Students; i++)
            {
                var age = 5 + random.Next(13);
                var student = new Student
                {
                    DistrictId = district.Id,
                    SchoolId = district.Schools[random.Next(district.Schools.Count)].Id,
                    StateStudentId = (stateId++).ToString(),
                    LocalStudentNumber = $"{random.Next(1, 99999):00000}",
                    FirstName = FirstNames[random.Next(FirstNames.Length)],
                    LastName = LastNames[random.Next(LastNames.Length)],
                    MiddleName = random.Next(3) == 0 ? FirstNames[random.Next(FirstNames.Length)] : "",
                    BirthDate = today.AddYears(-age).AddDays(-random.Next(365)),
                    Gender = random.Next(2) == 0 ? "F" : "M",
                    Grade = Grades[Math.Clamp(age - 5, 0, 12)],
                    // Enrolled before any of the choices below were recorded.
                    StateIdSince = now.AddDays(-500 - age),
                };
                var roll = random.Next(100);
                var choice = roll < 45 ? OptInChoice.OptIn : roll < 65 ? OptInChoice.OptOut : OptInChoice.Unknown;
                if (choice != OptInChoice.Unknown)
                {
                    // Some consents are from last school year, so the annual-notice list has something to show.
                    var givenOn = random.Next(4) == 0 ? today.AddDays(-400 - random.Next(60)) : today.AddDays(-random.Next(1, 80));
                    student.OptIn = choice;
                    student.OptInGivenOn = givenOn;
                    student.OptInSchoolYear = StateCalendar.SchoolYearOf(givenOn);
                    student.OptInRecordedAt = now.AddDays(-(today.DayNumber - givenOn.DayNumber));
                    student.OptInHistory.Add(new OptInChange
                    {
                        DistrictId = district.Id,
                        OldValue = OptInChoice.Unknown,
                        NewValue = choice,
                        Source = random.Next(2) == 0 ? ConsentSource.EnrollmentForm : ConsentSource.AnnualNoticeForm,
                        GivenOn = givenOn,
                        SchoolYear = student.OptInSchoolYear,
                        ChangedBy = d.Clerk,
                        ChangedAt = student.OptInRecordedAt.Value,
                    });
                }
                if (random.Next(100) < 75)
                {
                    // Mostly this autumn's picture day; some from two autumns ago (expired or about to).
                    var photoDate = random.Next(10) switch
                    {
                        0 => today.AddYears(-2).AddDays(-random.Next(1, 60)),
                        1 => today.AddYears(-2).AddDays(random.Next(5, 55)),
                        _ => today.AddDays(-random.Next(30, 80)),
                    };
                    var content = MakeContent((int)(stateId % int.MaxValue), now);
                    student.Photo = new DistrictPhoto
                    {
                        DistrictId = district.Id,
                        Sha256 = content.Sha256,
                        PhotoDate = photoDate,
                        PhotoDateSource = PhotoDateSource.Entered,
                        OriginalFileName = $"{student.StateStudentId}.jpg",
                        OriginalFormat = "JPEG",
                        UploadedAt = now.AddDays(-(today.DayNumber - photoDate.DayNumber)),
                        UploadedBy = d.Clerk,
                    };
                    db.PhotoContents.Add(content);
                }
                db.Students.Add(student);
            }
            await db.SaveChangesAsync();
            await AccountSeeder.CreateAsync(services, d.Clerk, Password, Roles.DistrictClerk, $"{d.Name} clerk", district.Id);
        }

        await AccountSeeder.CreateAsync(services, StateStaff, Password, Roles.StateStaff, "AIM staff");
        foreach (var (email, role, name) in new[] { (DojStaff, Roles.DojStaff, "DOJ investigator"), (Administrator, Roles.Administrator, "System administrator") })
        {
            var (user, _) = await AccountSeeder.CreateAsync(services, email, Password, role, name);
            if (user is not null) await AccountSeeder.EnableDemoTwoFactorAsync(services, user, AuthenticatorKey);
        }
    }

    private static PhotoContent MakeContent(int seed, DateTime now)
    {
        var jpeg = PlaceholderPortrait.Jpeg(seed);
        using var thumb = Image.ThumbnailBuffer(jpeg, 150, height: 200);
        return new PhotoContent
        {
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(jpeg)),
            Jpeg = jpeg,
            Thumbnail = thumb.JpegsaveBuffer(q: 80, keep: Enums.ForeignKeep.None),
            Width = 600,
            Height = 800,
            CreatedAt = now,
        };
    }
}
