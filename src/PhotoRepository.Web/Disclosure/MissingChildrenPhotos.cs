using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Disclosure;

/// <summary>
/// The photos of the monthly list. Photo bytes go only to a clerk of the child's district and to DOJ staff
/// working a case (each one recorded); state AIM staff and other districts' clerks get the list without photos.
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

    /// <summary>May this user receive the photo of a child supplied by <paramref name="childDistrictId"/>?</summary>
    public static bool MaySee(ClaimsPrincipal user, int? childDistrictId, bool hasCaseContext)
    {
        if (user.IsInRole(Roles.DistrictClerk))
            return childDistrictId is { } d && user.FindFirstValue(Roles.DistrictClaim) == d.ToString();
        return user.IsInRole(Roles.DojStaff) && hasCaseContext;
    }
}
