namespace PhotoRepository.Core.Entities;

/// <summary>Rows that belong to one district; a clerk only ever sees their own district's.</summary>
public interface IDistrictOwned
{
    int DistrictId { get; }
}

/// <summary>Rows that are written once and never edited or deleted.</summary>
public interface IAppendOnly;

/// <summary>Rows guarded by optimistic concurrency: the version changes on every save.</summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
