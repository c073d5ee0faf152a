using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class SyncRunDistrictConfiguration : IEntityTypeConfiguration<SyncRunDistrict>
{
    public void Configure(EntityTypeBuilder<SyncRunDistrict> b)
    {
        b.OwnsOne(x => x.Counts);
        b.HasIndex(x => new { x.SyncRunId, x.DistrictId }).IsUnique();
    }
}
