using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> b)
    {
        b.Property(x => x.StateStudentId).HasMaxLength(20);
        b.Property(x => x.LocalStudentNumber).HasMaxLength(20);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.MiddleName).HasMaxLength(100);
        b.Property(x => x.Gender).HasMaxLength(20);
        b.Property(x => x.Grade).HasMaxLength(4);
        b.Property(x => x.SearchName).HasMaxLength(310);
        b.Property(x => x.OptInSchoolYear).HasMaxLength(7);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.FullName);

        b.HasIndex(x => new { x.DistrictId, x.StateStudentId }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.LocalStudentNumber });
        b.HasIndex(x => new { x.DistrictId, x.SearchName });
        b.HasIndex(x => x.StateStudentId);
        b.HasIndex(x => x.ChangedAt);

        b.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.School).WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.OptInHistory).WithOne().HasForeignKey(x => x.StudentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Photo).WithOne(p => p.Student).HasForeignKey<DistrictPhoto>(p => p.StudentId).OnDelete(DeleteBehavior.Restrict);
    }
}
