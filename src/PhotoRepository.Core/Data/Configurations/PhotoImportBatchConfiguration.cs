using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class PhotoImportBatchConfiguration : IEntityTypeConfiguration<PhotoImportBatch>
{
    public void Configure(EntityTypeBuilder<PhotoImportBatch> b)
    {
        b.Property(x => x.ZipFileName).HasMaxLength(260);
        b.Property(x => x.StoredFile).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.CommittedBy).HasMaxLength(256);
        b.Property(x => x.CheckError).HasMaxLength(1000);
        b.Property(x => x.ImportError).HasMaxLength(1000);
        b.Property(x => x.IndexFile).HasMaxLength(1024);
        b.HasIndex(x => new { x.DistrictId, x.CreatedAt });
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
