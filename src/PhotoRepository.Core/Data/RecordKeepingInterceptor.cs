using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Data;

/// <summary>
/// The one place that keeps records honest on every save: append-only rows stay untouched,
/// versions move for optimistic concurrency, search keys follow names, and district-side changes
/// leave an audit event.
/// </summary>
public sealed class RecordKeepingInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    // The loader here is synchronous, so the task has already completed: nothing blocks.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PhotoRepositoryDbContext db)
            KeepAsync(db, students => Task.FromResult(students.ToList())).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PhotoRepositoryDbContext db)
            await KeepAsync(db, students => students.ToListAsync(cancellationToken));
        return result;
    }

    /// <summary>
    /// Each Entries() call would detect changes across every tracked entity again: detect once, then read the
    /// entries as they are (SaveChanges detects again after this, so what is set here is saved).
    /// </summary>
    private async Task KeepAsync(PhotoRepositoryDbContext db, Func<IQueryable<Student>, Task<List<Student>>> load)
    {
        db.ChangeTracker.DetectChanges();
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var (untracked, formerIds) = StudentsToTouch(db, out var tracked);
            var loaded = untracked.Count + formerIds.Count == 0 ? [] : await load(db.Students.IgnoreQueryFilters()
                .Where(s => untracked.Contains(s.Id) || formerIds.Contains(s.StateStudentId)));
            Apply(db, [.. tracked, .. loaded]);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Students whose sync decision changes without their own record changing: the student of a photo
    /// added, replaced or removed, and the other districts' records of a state student id that a
    /// clerk corrected (that id may now have another supplier). Their ChangedAt moves too. Returns
    /// the ids of such students not loaded in this context, and the corrected ids.
    /// </summary>
    private static (List<int> Untracked, List<string> FormerIds) StudentsToTouch(PhotoRepositoryDbContext db, out List<Student> tracked)
    {
        var ids = db.ChangeTracker.Entries<DistrictPhoto>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.StudentId)
            .ToHashSet();
        var formerIds = db.ChangeTracker.Entries<Student>()
            .Where(e => e.State == EntityState.Modified && e.Property(s => s.StateStudentId).IsModified)
            .Select(e => e.Property(s => s.StateStudentId).OriginalValue)
            .Where(id => !string.IsNullOrEmpty(id))
            .ToList();
        tracked = [];
        if (ids.Count == 0) return ([], formerIds);
        foreach (var student in db.ChangeTracker.Entries<Student>().Select(e => e.Entity))
            if (ids.Remove(student.Id)) tracked.Add(student);
        return ([.. ids], formerIds);
    }

    private void Apply(PhotoRepositoryDbContext db, List<Student> photoChanged)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var audits = new List<AuditEvent>();
        foreach (var student in photoChanged) student.ChangedAt = now;

        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is IAppendOnly && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} rows are append-only: they are never edited or deleted.");

            // A student touched only for the sync (its photo changed) is not a new version of the record.
            if (entry.Entity is Student && entry.State == EntityState.Modified && !RecordChanged(entry)) continue;

            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified)
                versioned.Version = Guid.NewGuid();

            switch (entry.Entity)
            {
                case Student s when entry.State is EntityState.Added or EntityState.Modified:
                    s.SearchName = SearchText.NameKey(s.LastName, s.FirstName, s.MiddleName);
                    s.ChangedAt = now;
                    KeepStateFacts(entry, s, now);
                    break;
                case StateStudent s when entry.State is EntityState.Added or EntityState.Modified:
                    s.SearchName = SearchText.NameKey(s.LastName, s.FirstName, s.MiddleName);
                    break;
            }

            if (Describe(entry) is { } audit)
            {
                audit.At = now;
                audit.UserName = db.Actor;
                audits.Add(audit);
            }
        }
        db.AuditEvents.AddRange(audits);
    }

    /// <summary>
    /// What the state decides from: the record's last explicit choice (its history is append-only, so
    /// this only moves forward) and since when it carries its state student ID (a claim).
    /// </summary>
    private static void KeepStateFacts(EntityEntry entry, Student s, DateTime now)
    {
        var added = entry.State == EntityState.Added;
        if (s.OptIn != OptInChoice.Unknown
            && (added || entry.Property(nameof(Student.OptIn)).IsModified || entry.Property(nameof(Student.OptInRecordedAt)).IsModified))
        {
            s.LastExplicitOptIn = s.OptIn;
            s.LastExplicitOptInAt = s.OptInRecordedAt ?? now;
        }
        var idProperty = entry.Property(nameof(Student.StateStudentId));
        // A new record may bring the date it was enrolled (an import or the demo data); otherwise it is now.
        if ((added && s.StateIdSince == default) || (!added && idProperty.IsModified && !Equals(idProperty.OriginalValue, idProperty.CurrentValue)))
            s.StateIdSince = now;
    }

    private static bool RecordChanged(EntityEntry entry) =>
        entry.Properties.Any(p => p.IsModified && p.Metadata.Name is not (nameof(Student.ChangedAt) or nameof(Student.Version) or nameof(Student.SearchName) or nameof(Student.StateIdSince))
            && !Equals(p.OriginalValue, p.CurrentValue));

    /// <summary>District-side and account-level changes are audited; state-side bulk work is counted by its SyncRun instead.</summary>
    private static AuditEvent? Describe(EntityEntry entry)
    {
        if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) return null;
        var verb = entry.State switch
        {
            EntityState.Added => "Added",
            EntityState.Modified => "Changed",
            _ => "Removed",
        };
        return entry.Entity switch
        {
            Student s => new AuditEvent { Action = $"Student{verb}", Entity = nameof(Student), EntityId = s.StateStudentId, DistrictId = s.DistrictId, Details = Changes(entry) },
            DistrictPhoto p => new AuditEvent { Action = $"Photo{verb}", Entity = nameof(DistrictPhoto), EntityId = p.StudentId.ToString(), DistrictId = p.DistrictId, Details = $"sha256 {p.Sha256}, photo date {p.PhotoDate:yyyy-MM-dd}" },
            District d => new AuditEvent { Action = $"District{verb}", Entity = nameof(District), EntityId = d.Code, DistrictId = d.Id, Details = Changes(entry) },
            School s => new AuditEvent { Action = $"School{verb}", Entity = nameof(School), EntityId = s.Code, DistrictId = s.DistrictId, Details = Changes(entry) },
            MissingChildCase c => new AuditEvent { Action = $"Case{verb}", Entity = nameof(MissingChildCase), EntityId = c.CaseNumber, Details = Changes(entry) },
            StaffUser u => new AuditEvent { Action = $"Account{verb}", Entity = "Account", EntityId = u.UserName ?? u.Id, DistrictId = u.DistrictId, Details = Changes(entry, ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "AccessFailedCount", "LockoutEnd"]) },
            _ => null,
        };
    }

    private static string Changes(EntityEntry entry, string[]? skip = null)
    {
        if (entry.State != EntityState.Modified) return "";
        var parts = entry.Properties
            .Where(p => p.IsModified && p.Metadata.Name is not ("Version" or "SearchName" or "ChangedAt" or "StateIdSince" or "LastExplicitOptInAt") && !(skip?.Contains(p.Metadata.Name) ?? false))
            .Where(p => !Equals(p.OriginalValue, p.CurrentValue))
            .Select(p => $"{p.Metadata.Name}: {p.OriginalValue} -> {p.CurrentValue}");
        var text = string.Join("; ", parts);
        return text.Length > 4000 ? text[..4000] : text;
    }
}
