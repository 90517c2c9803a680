using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Metrics;

internal sealed class MetricBatchConfiguration : IEntityTypeConfiguration<MetricBatch>
{
    public void Configure(EntityTypeBuilder<MetricBatch> b)
    {
        b.ToTable("MetricBatches");
        b.HasKey(x => new { x.RunId, x.Key });
        b.Property(x => x.Key).HasMaxLength(100);
        b.HasOne<Run>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
