using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data.Configurations;

public class PhotoContentConfiguration : IEntityTypeConfiguration<PhotoContent>
{
    public void Configure(EntityTypeBuilder<PhotoContent> b)
    {
        b.HasKey(x => x.Sha256);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength(false);
        // Small columns first and the photo last: SQLite keeps a large blob in a chain of overflow
        // pages that it must walk to reach any column stored after it, so a query on CreatedAt (the
        // sync's clean-up) or a thumbnail read must not have the 40-500 KB photo in front of it.
        b.Property(x => x.Sha256).HasColumnOrder(0);
        b.Property(x => x.CreatedAt).HasColumnOrder(1);
        b.Property(x => x.Width).HasColumnOrder(2);
        b.Property(x => x.Height).HasColumnOrder(3);
        b.Property(x => x.Thumbnail).HasColumnOrder(4);
        b.Property(x => x.Jpeg).HasColumnOrder(5);
        b.HasIndex(x => x.CreatedAt);
    }
}
