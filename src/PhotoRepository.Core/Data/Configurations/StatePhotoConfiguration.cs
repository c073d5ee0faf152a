using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class StatePhotoConfiguration : IEntityTypeConfiguration<StatePhoto>
{
    public void Configure(EntityTypeBuilder<StatePhoto> b)
    {
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasIndex(x => x.StateStudentId).IsUnique();
        b.HasIndex(x => x.AccessKey).IsUnique();
        b.HasIndex(x => x.Sha256);
        b.HasIndex(x => x.PhotoDate);
        b.HasOne(x => x.Content).WithMany().HasForeignKey(x => x.Sha256).OnDelete(DeleteBehavior.Restrict);
    }
}
