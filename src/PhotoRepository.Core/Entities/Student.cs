namespace PhotoRepository.Core.Entities;

/// <summary>A student's demographic record at one district. The opt-in belongs here, not to an enrollment.</summary>
public class Student : IDistrictOwned, IVersioned
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public District? District { get; set; }
    public int? SchoolId { get; set; }
    public School? School { get; set; }

    public required string StateStudentId { get; set; }
    public string LocalStudentNumber { get; set; } = "";
    public required string LastName { get; set; }
    public required string FirstName { get; set; }
    public string MiddleName { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    public string Gender { get; set; } = "";
    public string Grade { get; set; } = "";

    /// <summary>Lower-case, accent-free "last first middle" for search; kept by the DbContext.</summary>
    public string SearchName { get; set; } = "";

    public OptInChoice OptIn { get; set; }
    /// <summary>When the current value was recorded (UTC); decides between districts after a move.</summary>
    public DateTime? OptInRecordedAt { get; set; }
    /// <summary>The day the parent or guardian gave the current value.</summary>
    public DateOnly? OptInGivenOn { get; set; }
    /// <summary>School year the current value was given for, e.g. "2026-27".</summary>
    public string? OptInSchoolYear { get; set; }

    /// <summary>
    /// The last explicit choice (Opt In or Opt Out) in this record's history and when it was recorded
    /// (UTC); kept by the DbContext. The state value is decided from these across districts.
    /// </summary>
    public OptInChoice? LastExplicitOptIn { get; set; }
    public DateTime? LastExplicitOptInAt { get; set; }

    /// <summary>Since when (UTC) this record has carried its state student ID; kept by the DbContext.</summary>
    public DateTime StateIdSince { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>
    /// When anything the state sync reads (this record or its photo) last changed (UTC); kept by the
    /// DbContext. The nightly sync decides only students changed since its last successful run.
    /// </summary>
    public DateTime ChangedAt { get; set; }

    public List<OptInChange> OptInHistory { get; set; } = [];
    public DistrictPhoto? Photo { get; set; }

    public string FullName => string.IsNullOrEmpty(MiddleName) ? $"{FirstName} {LastName}" : $"{FirstName} {MiddleName} {LastName}";
}
