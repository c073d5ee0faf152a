using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> b)
    {
        b.Property(x => x.StartedBy).HasMaxLength(256);
        b.Property(x => x.Error).HasMaxLength(4000);
        b.OwnsOne(x => x.Totals);
        b.HasMany(x => x.Districts).WithOne().HasForeignKey(x => x.SyncRunId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.StartedAt);
    }
}
