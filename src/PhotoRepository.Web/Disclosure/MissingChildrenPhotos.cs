using PhotoRepository.Core.Data;

namespace PhotoRepository.Web.Disclosure;

/// <summary>The photo behind a monthly-list entry: only an open case linked to a student has one.</summary>
public static class MissingChildrenPhotos
{
    public static Guid? AccessKeyFor(PhotoRepositoryDbContext db, int caseId) =>
        db.MissingChildCases
            .Where(c => c.Id == caseId && c.ClosedAt == null && c.StateStudentId != null && c.StateStudent!.Photo != null)
            .Select(c => (Guid?)c.StateStudent!.Photo!.AccessKey)
            .FirstOrDefault();
}
