using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class SyncLeaseConfiguration : IEntityTypeConfiguration<SyncLease>
{
    public void Configure(EntityTypeBuilder<SyncLease> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        // The row exists from the start: taking the lease is an UPDATE, never an INSERT race.
        b.HasData(new SyncLease { Id = SyncLease.SingleId });
    }
}
