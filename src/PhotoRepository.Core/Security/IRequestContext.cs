namespace PhotoRepository.Core.Security;

/// <summary>Who is acting, as the data layer needs to know it. Background jobs act as "system".</summary>
public interface IRequestContext
{
    string UserName { get; }

    /// <summary>
    /// The district a clerk is confined to; null for everyone else (state staff, DOJ, jobs), who
    /// reach district rows only through pages that never show them.
    /// </summary>
    int? DistrictScope { get; }
}

public sealed class SystemContext : IRequestContext
{
    public static readonly SystemContext Instance = new();
    public string UserName => "system";
    public int? DistrictScope => null;
}
