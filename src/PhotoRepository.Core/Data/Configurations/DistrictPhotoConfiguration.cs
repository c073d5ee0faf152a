using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class DistrictPhotoConfiguration : IEntityTypeConfiguration<DistrictPhoto>
{
    public void Configure(EntityTypeBuilder<DistrictPhoto> b)
    {
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.OriginalFileName).HasMaxLength(260);
        b.Property(x => x.OriginalFormat).HasMaxLength(16);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
        b.HasIndex(x => x.StudentId).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.PhotoDate });
        b.HasIndex(x => x.Sha256);
        b.HasOne(x => x.Content).WithMany().HasForeignKey(x => x.Sha256).OnDelete(DeleteBehavior.Restrict);
    }
}
