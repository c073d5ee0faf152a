namespace PhotoRepository.Core.Entities;

/// <summary>An append-only audit trail entry (sign-ins, account changes, opt-in and photo changes, imports, sync runs).</summary>
public class AuditEvent : IAppendOnly
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string UserName { get; set; } = "";
    public required string Action { get; set; }
    public string Entity { get; set; } = "";
    public string EntityId { get; set; } = "";
    public int? DistrictId { get; set; }
    public string Details { get; set; } = "";
}
