using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Runs;

internal sealed class RunTagConfiguration : IEntityTypeConfiguration<RunTag>
{
    public void Configure(EntityTypeBuilder<RunTag> b)
    {
        b.ToTable("RunTags");
        b.HasKey(t => new { t.RunId, t.Tag });
        b.Property(t => t.Tag).HasMaxLength(100);
        b.HasIndex(t => t.Tag);
    }
}
