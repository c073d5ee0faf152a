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
}
