using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class StateSyncRequestConfiguration : IEntityTypeConfiguration<StateSyncRequest>
{
    public void Configure(EntityTypeBuilder<StateSyncRequest> b)
    {
        b.Property(x => x.StateStudentId).HasMaxLength(20);
        b.HasIndex(x => x.StateStudentId);
    }
}
