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
        b.HasIndex(x => new { x.BatchId, x.Outcome });
    }
}
