using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Disclosure;

/// <summary>
/// The photos of the monthly list. The statute sends the list, photo included, to every school, so every district's
/// clerks receive it; DOJ staff only while working a case (each one recorded); state AIM staff never (decision 0009).
/// </summary>
public static class MissingChildrenPhotos
{
    /// <summary>The available photo of an open case's child, or null.</summary>
    public static Task<StatePhoto?> FindAsync(PhotoRepositoryDbContext db, int caseId, DateOnly today, CancellationToken ct = default)
    {
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(today);
        var caseStudent = db.MissingChildCases.Where(c => c.Id == caseId && c.ClosedAt == null).Select(c => c.StateStudentId);
        return db.StatePhotos.AsNoTracking().Include(p => p.StateStudent)
            .Where(p => caseStudent.Contains(p.StateStudentId) && p.StateStudent!.OptIn == OptInChoice.OptIn && p.PhotoDate > lastTooOld)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>May this user receive a monthly-list photo?</summary>
    public static bool MaySee(ClaimsPrincipal user, bool hasCaseContext) =>
        user.IsInRole(Roles.DistrictClerk) || user.IsInRole(Roles.DojStaff) && hasCaseContext;
}
