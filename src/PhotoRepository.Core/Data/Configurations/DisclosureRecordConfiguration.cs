using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class DisclosureRecordConfiguration : IEntityTypeConfiguration<DisclosureRecord>
{
    public void Configure(EntityTypeBuilder<DisclosureRecord> b)
    {
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.StudentStateId).HasMaxLength(20);
        b.Property(x => x.CaseNumber).HasMaxLength(40);
        b.Property(x => x.Agency).HasMaxLength(200);
        b.Property(x => x.Criteria).HasMaxLength(1000);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.StudentStateId, x.At });
        b.HasIndex(x => new { x.UserName, x.At });
        // The DOJ search rate limit counts a user's searches of the last minute from this index alone, without
        // reading the records (each search also writes one record per child shown).
        b.HasIndex(x => new { x.UserName, x.Kind, x.At });
        // No foreign keys: nothing that is deleted elsewhere may ever cascade into the record of disclosures.
    }
}
