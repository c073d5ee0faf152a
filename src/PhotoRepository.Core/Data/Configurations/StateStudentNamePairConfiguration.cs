using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class StateStudentNamePairConfiguration : IEntityTypeConfiguration<StateStudentNamePair>
{
    public void Configure(EntityTypeBuilder<StateStudentNamePair> b)
    {
        // Read-only to EF: the SQLite migration creates the table (WITHOUT ROWID, keyed by pair then result order) and
        // the triggers that keep it; SQL Server has no such table and never queries it.
        b.ToTable("StateStudentNamePairs", t => t.ExcludeFromMigrations());
        b.HasNoKey();
    }
}
