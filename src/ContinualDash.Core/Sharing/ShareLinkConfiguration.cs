using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Sharing;

internal sealed class ShareLinkConfiguration : IEntityTypeConfiguration<ShareLink>
{
    public void Configure(EntityTypeBuilder<ShareLink> b)
    {
        b.ToTable("ShareLinks");
        b.Property(l => l.Kind).HasMaxLength(16).IsRequired();
        b.Property(l => l.Target).HasMaxLength(2000).IsRequired();
        b.Property(l => l.CreatedBy).HasMaxLength(100).IsRequired();
        b.HasIndex(l => l.UserId);
    }
}
