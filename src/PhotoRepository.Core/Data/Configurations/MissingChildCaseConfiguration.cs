using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class MissingChildCaseConfiguration : IEntityTypeConfiguration<MissingChildCase>
{
    public void Configure(EntityTypeBuilder<MissingChildCase> b)
    {
        b.Property(x => x.CaseNumber).HasMaxLength(40);
        b.Property(x => x.Agency).HasMaxLength(200);
        b.Property(x => x.NcicNumber).HasMaxLength(20);
        b.Property(x => x.OpenedBy).HasMaxLength(256);
        b.Property(x => x.ClosedBy).HasMaxLength(256);
        b.Property(x => x.ChildFirstName).HasMaxLength(100);
        b.Property(x => x.ChildLastName).HasMaxLength(100);
        b.Property(x => x.AgencyPhone).HasMaxLength(30);
        b.Property(x => x.ChildHair).HasMaxLength(60);
        b.Property(x => x.ChildEyes).HasMaxLength(60);
        b.Property(x => x.LastSeenPlace).HasMaxLength(200);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.ChildName);
        b.HasIndex(x => x.CaseNumber);
        b.HasIndex(x => x.ClosedAt);
        b.HasOne(x => x.StateStudent).WithMany().HasForeignKey(x => x.StateStudentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ChildDistrict).WithMany().HasForeignKey(x => x.ChildDistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
