using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.RunLogs;

internal sealed class RunLogLineConfiguration : IEntityTypeConfiguration<RunLogLine>
{
    public void Configure(EntityTypeBuilder<RunLogLine> b)
    {
        b.ToTable("RunLogLines");
        // The key is the idempotency key of a log report as well as the reading order.
        b.HasKey(l => new { l.RunId, l.Attempt, l.Sequence });
        b.Property(l => l.Stream).HasMaxLength(8).IsRequired();
        b.Property(l => l.Text).IsRequired();
        b.HasOne<Run>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
