using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class StateOptInChangeConfiguration : IEntityTypeConfiguration<StateOptInChange>
{
    public void Configure(EntityTypeBuilder<StateOptInChange> b)
    {
        b.HasIndex(x => new { x.StateStudentId, x.ChangedAt });
    }
}
