using System.Text.RegularExpressions;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Core.Entities;

/// <summary>How values read to people.</summary>
public static class Labels
{
    public static string Label(this OptInChoice choice) => choice switch
    {
        OptInChoice.OptIn => "Opt In",
        OptInChoice.OptOut => "Opt Out",
        _ => "Unknown",
    };

    public static string Label(this OptInChoice? choice) => choice is null ? "Blank" : choice.Value.Label();

    public static string Label(this ConsentSource source) => source switch
    {
        ConsentSource.EnrollmentForm => "Enrollment form",
        ConsentSource.AnnualNoticeForm => "Annual notice form",
        ConsentSource.WrittenRequest => "Written request",
        ConsentSource.InPerson => "In person",
        ConsentSource.DemographicsUpload => "Demographics upload",
        _ => "Other",
    };

    public static string Label(this LegalBasis basis) => basis switch
    {
        LegalBasis.MissingChildReport => "Missing child report",
        LegalBasis.HealthOrSafetyEmergency => "Health or safety emergency",
        LegalBasis.CourtOrderOrSubpoena => "Court order or subpoena",
        _ => "Parent consent",
    };

    public static string Label(this PhotoImportStatus status) => status switch
    {
        PhotoImportStatus.Previewed => "Waiting for the clerk to confirm",
        PhotoImportStatus.Queued => "Waiting to start",
        PhotoImportStatus.Running => "Importing",
        PhotoImportStatus.Finished => "Finished",
        PhotoImportStatus.Cancelled => "Cancelled",
        PhotoImportStatus.Checking => "Checking the photos",
        PhotoImportStatus.CheckFailed => "Could not be checked: upload the ZIP again",
        _ => status.ToString(),
    };

    public static string Label(this PhotoImportEntryKind kind) => kind switch
    {
        PhotoImportEntryKind.Matched => "Matches a student",
        PhotoImportEntryKind.Unmatched => "No such student",
        PhotoImportEntryKind.Duplicate => "Same student twice",
        PhotoImportEntryKind.Invalid => "Not a usable photo",
        PhotoImportEntryKind.Ignored => "Ignored",
        _ => kind.ToString(),
    };

    public static string Label(this SyncOutcome outcome) => outcome switch
    {
        SyncOutcome.Running => "Running",
        SyncOutcome.Succeeded => "Succeeded",
        SyncOutcome.Failed => "Failed",
        _ => outcome.ToString(),
    };

    public static string Label(this SyncTrigger trigger) => trigger switch
    {
        SyncTrigger.Nightly => "Nightly run",
        SyncTrigger.Manual => "Run on request",
        SyncTrigger.OptOut => "Opt Out applied at once",
        _ => trigger.ToString(),
    };

    public static string Label(this PhotoDateSource source) => source switch
    {
        PhotoDateSource.Entered => "entered by the clerk",
        PhotoDateSource.CaptureDate => "the picture's capture date",
        PhotoDateSource.UploadDate => "the upload date",
        _ => source.ToString(),
    };

    /// <summary>A role as its holders call it.</summary>
    public static string RoleLabel(string? role) => role switch
    {
        Roles.DistrictClerk => "District clerk",
        Roles.StateStaff => "State AIM staff",
        Roles.DojStaff => "DOJ staff",
        Roles.Administrator => "Administrator",
        null or "" => "",
        _ => role,
    };

    /// <summary>An audit trail action in words: the sign-in steps by name, others split from their code ("StudentAdded" reads "Student added").</summary>
    public static string ActionLabel(string action) => action switch
    {
        "SignIn" => "Signed in",
        "SignInPasswordOk" => "Password accepted, second step asked",
        "SignInFailed" => "Sign-in refused",
        "SignInLockedOut" => "Sign-in refused: account locked",
        "SignInRecoveryCode" => "Signed in with a recovery code",
        "SignInRecoveryCodeFailed" => "Recovery code refused",
        "RoleGranted" => "Role given",
        "SyncRequested" => "Sync asked for",
        "SyncRun" => "Sync ran",
        _ => Words(action),
    };

    private static string Words(string code)
    {
        var words = Regex.Replace(code, "(?<=[a-z0-9])(?=[A-Z])", " ");
        return words.Length == 0 ? words : words[0] + words[1..].ToLowerInvariant();
    }

    /// <summary>
    /// A moment as people in the state read it: America/Denver time with its zone, "2026-11-30 06:08 MST".
    /// Stored times are UTC.
    /// </summary>
    public static string When(DateTime utc, bool seconds = false)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), StateCalendar.Zone);
        var zone = StateCalendar.Zone.IsDaylightSavingTime(local) ? "MDT" : "MST";
        return local.ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " + zone;
    }

    public static string When(DateTimeOffset at, bool seconds = false) => When(at.UtcDateTime, seconds);
}
