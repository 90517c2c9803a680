using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Access;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("ApiTokens");
        b.Property(t => t.Name).HasMaxLength(200).IsRequired();
        b.Property(t => t.Prefix).HasMaxLength(16).IsRequired();
        b.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        b.Property(t => t.Kind).HasMaxLength(16).IsRequired();
        b.Property(t => t.CreatedBy).HasMaxLength(100);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => t.UserId);
        b.HasOne<Run>().WithMany().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
