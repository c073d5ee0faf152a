namespace PhotoRepository.Core.Entities;

/// <summary>
/// The "Missing Child Photo Opt In" value. The numbers are the demographics template codes
/// (1 Opt In, 2 Opt Out, 0 or blank Unknown).
/// </summary>
public enum OptInChoice
{
    Unknown = 0,
    OptIn = 1,
    OptOut = 2,
}

/// <summary>How the parent or guardian gave the choice.</summary>
public enum ConsentSource
{
    EnrollmentForm = 1,
    AnnualNoticeForm = 2,
    WrittenRequest = 3,
    InPerson = 4,
    DemographicsUpload = 5,
    Other = 9,
}
