using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class SyncPartitionConfiguration : IEntityTypeConfiguration<SyncPartition>
{
    public void Configure(EntityTypeBuilder<SyncPartition> b)
    {
        b.Property(x => x.After).HasMaxLength(20);
        b.Property(x => x.UpTo).HasMaxLength(20);
        b.Property(x => x.ClaimedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.SyncRunId, x.Number }).IsUnique();
        b.HasOne<SyncRun>().WithMany().HasForeignKey(x => x.SyncRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
