using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class DemographicsUploadConfiguration : IEntityTypeConfiguration<DemographicsUpload>
{
    public void Configure(EntityTypeBuilder<DemographicsUpload> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
        b.Property(x => x.CommittedBy).HasMaxLength(256);
        b.Property(x => x.Summary).HasMaxLength(500);
        b.HasIndex(x => new { x.DistrictId, x.UploadedAt });
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
