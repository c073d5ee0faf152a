using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class StateStudentConfiguration : IEntityTypeConfiguration<StateStudent>
{
    public void Configure(EntityTypeBuilder<StateStudent> b)
    {
        b.Property(x => x.StateStudentId).HasMaxLength(20);
        b.Property(x => x.SchoolName).HasMaxLength(200);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.MiddleName).HasMaxLength(100);
        b.Property(x => x.SearchName).HasMaxLength(310);
        b.Ignore(x => x.FullName);
        b.HasIndex(x => x.StateStudentId).IsUnique();
        b.HasIndex(x => x.SearchName);
        b.HasIndex(x => x.BirthDate);
        // DOJ search in its result order, covering what a name-part search filters on: a search whose name parts are too
        // short for the trigram index walks this in order and stops at the 26th match instead of sorting the state.
        // Only opted-in students are ever found, so only they are in it: a rare name part walks 60% of the state, not all.
        // The filter is written so both providers read it (no quoting).
        b.HasIndex(x => new { x.LastName, x.FirstName, x.BirthDate, x.SearchName }, "IX_StateStudents_SearchOrder").HasFilter("OptIn = 1");
        b.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.LastExplicitDistrict).WithMany().HasForeignKey(x => x.LastExplicitDistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Photo).WithOne(p => p.StateStudent).HasForeignKey<StatePhoto>(p => p.StateStudentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.History).WithOne().HasForeignKey(x => x.StateStudentId).OnDelete(DeleteBehavior.Restrict);
    }
}
