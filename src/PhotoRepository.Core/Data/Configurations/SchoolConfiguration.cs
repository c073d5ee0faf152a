using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.Property(x => x.Code).HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.DistrictId, x.Code }).IsUnique();
        b.HasOne(x => x.District).WithMany(d => d.Schools).HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
