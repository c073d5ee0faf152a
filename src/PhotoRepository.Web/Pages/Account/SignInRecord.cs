using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Pages.Account;

/// <summary>Every sign-in attempt, good or bad, goes to the audit trail.</summary>
public static class SignInRecord
{
    public static async Task WriteAsync(PhotoRepositoryDbContext db, TimeProvider time, string userName, string action, HttpContext http)
    {
        var name = userName.Length > 256 ? userName[..256] : userName;
        db.AuditEvents.Add(new AuditEvent
        {
            Action = action,
            Entity = "Account",
            EntityId = name.Length > 64 ? name[..64] : name,
            UserName = name,
            At = time.GetUtcNow().UtcDateTime,
            Details = $"from {http.Connection.RemoteIpAddress}",
        });
        await db.SaveChangesAsync();
    }
}
