using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class OptInChangeConfiguration : IEntityTypeConfiguration<OptInChange>
{
    public void Configure(EntityTypeBuilder<OptInChange> b)
    {
        b.Property(x => x.SchoolYear).HasMaxLength(7);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.ChangedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.StudentId, x.ChangedAt });
    }
}
