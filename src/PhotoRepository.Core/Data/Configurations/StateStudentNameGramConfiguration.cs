using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class StateStudentNameGramConfiguration : IEntityTypeConfiguration<StateStudentNameGram>
{
    public void Configure(EntityTypeBuilder<StateStudentNameGram> b)
    {
        // Clustered on the gram first: a search seeks each of its grams and reads only the students that have it.
        b.HasKey(x => new { x.Gram, x.StateStudentId });
        b.Property(x => x.Gram).HasMaxLength(3);
        b.HasOne(x => x.StateStudent).WithMany().HasForeignKey(x => x.StateStudentId).OnDelete(DeleteBehavior.Cascade);
    }
}
