using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Core.Data;

public class PhotoRepositoryDbContext(DbContextOptions<PhotoRepositoryDbContext> options, IRequestContext? requestContext = null)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    private readonly IRequestContext _requestContext = requestContext ?? SystemContext.Instance;

    /// <summary>Read by the query filters on every query: a clerk sees only their district's rows.</summary>
    public int? DistrictScope => _requestContext.DistrictScope;

    private string? _actingFor;

    /// <summary>Who is acting: stamped on history and audit rows.</summary>
    public string Actor => _actingFor ?? _requestContext.UserName;

    /// <summary>
    /// Background work done on a person's behalf (a committed photo import) is recorded as theirs:
    /// outside a request the context would otherwise say "system".
    /// </summary>
    public void ActFor(string userName) => _actingFor = userName;

    public DbSet<District> Districts => Set<District>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<Student> Students => Set<Student>();
    public DbSet<OptInChange> OptInChanges => Set<OptInChange>();
    public DbSet<PhotoContent> PhotoContents => Set<PhotoContent>();
    public DbSet<DistrictPhoto> DistrictPhotos => Set<DistrictPhoto>();
    public DbSet<StateStudent> StateStudents => Set<StateStudent>();
    public DbSet<StateOptInChange> StateOptInChanges => Set<StateOptInChange>();
    public DbSet<StatePhoto> StatePhotos => Set<StatePhoto>();
    public DbSet<StateStudentNameGram> StateStudentNameGrams => Set<StateStudentNameGram>();
    public DbSet<StateStudentNamePair> StateStudentNamePairs => Set<StateStudentNamePair>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<SyncRunDistrict> SyncRunDistricts => Set<SyncRunDistrict>();
    public DbSet<SyncLease> SyncLeases => Set<SyncLease>();
    public DbSet<SyncPartition> SyncPartitions => Set<SyncPartition>();
    public DbSet<MissingChildCase> MissingChildCases => Set<MissingChildCase>();
    public DbSet<DisclosureRecord> DisclosureRecords => Set<DisclosureRecord>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PhotoImportBatch> PhotoImportBatches => Set<PhotoImportBatch>();
    public DbSet<PhotoImportItem> PhotoImportItems => Set<PhotoImportItem>();
    public DbSet<PhotoImportContent> PhotoImportContents => Set<PhotoImportContent>();
    public DbSet<DemographicsUpload> DemographicsUploads => Set<DemographicsUpload>();
    public DbSet<StateSyncRequest> StateSyncRequests => Set<StateSyncRequest>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PhotoRepositoryDbContext).Assembly);

        // District isolation lives here, where the data is read, not page by page.
        builder.Entity<Student>().HasQueryFilter(e => DistrictScope == null || e.DistrictId == DistrictScope);
        builder.Entity<OptInChange>().HasQueryFilter(e => DistrictScope == null || e.DistrictId == DistrictScope);
        builder.Entity<DistrictPhoto>().HasQueryFilter(e => DistrictScope == null || e.DistrictId == DistrictScope);
        builder.Entity<PhotoImportBatch>().HasQueryFilter(e => DistrictScope == null || e.DistrictId == DistrictScope);
        builder.Entity<PhotoImportItem>().HasQueryFilter(e => DistrictScope == null || e.DistrictId == DistrictScope);
        builder.Entity<PhotoImportContent>().HasQueryFilter(e => DistrictScope == null || e.DistrictId == DistrictScope);
        builder.Entity<DemographicsUpload>().HasQueryFilter(e => DistrictScope == null || e.DistrictId == DistrictScope);
    }
}
