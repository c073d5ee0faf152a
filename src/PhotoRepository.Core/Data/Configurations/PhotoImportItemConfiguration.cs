using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class PhotoImportItemConfiguration : IEntityTypeConfiguration<PhotoImportItem>
{
    public void Configure(EntityTypeBuilder<PhotoImportItem> b)
    {
        b.Property(x => x.EntryName).HasMaxLength(1024);
        b.Property(x => x.Identifier).HasMaxLength(260);
        b.Property(x => x.StudentName).HasMaxLength(300);
        b.Property(x => x.Message).HasMaxLength(1000);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasIndex(x => new { x.BatchId, x.Outcome });
    }
}

public class PhotoImportContentConfiguration : IEntityTypeConfiguration<PhotoImportContent>
{
    public void Configure(EntityTypeBuilder<PhotoImportContent> b)
    {
        b.HasKey(x => new { x.BatchId, x.Sha256 });
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasOne<PhotoImportBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
