namespace PhotoRepository.Core.Entities;

/// <summary>The state's own record of a student, keyed by state student ID.</summary>
public class StateStudent
{
    public int Id { get; set; }
    public required string StateStudentId { get; set; }
    /// <summary>Null is "blank": the state has never received any value.</summary>
    public OptInChoice? OptIn { get; set; }
    public OptInChoice? LastExplicitChoice { get; set; }
    public int? LastExplicitDistrictId { get; set; }
    public District? LastExplicitDistrict { get; set; }
    public DateTime? LastExplicitAt { get; set; }

    // What DOJ needs to recognise the child, copied from the district that supplies the record.
    public int? DistrictId { get; set; }
    public District? District { get; set; }
    public string SchoolName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string MiddleName { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    public string SearchName { get; set; } = "";
    public DateTime UpdatedAt { get; set; }

    public StatePhoto? Photo { get; set; }
    public List<StateOptInChange> History { get; set; } = [];

    public string FullName => string.IsNullOrEmpty(MiddleName) ? $"{FirstName} {LastName}" : $"{FirstName} {MiddleName} {LastName}";
}

/// <summary>A change of the state opt-in value, made by the sync.</summary>
public class StateOptInChange : IAppendOnly
{
    public long Id { get; set; }
    public int StateStudentId { get; set; }
    public OptInChoice? OldValue { get; set; }
    public OptInChoice? NewValue { get; set; }
    public int? DistrictId { get; set; }
    public long? SyncRunId { get; set; }
    public DateTime ChangedAt { get; set; }
}
