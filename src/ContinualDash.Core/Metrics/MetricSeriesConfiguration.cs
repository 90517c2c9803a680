using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Metrics;

internal sealed class MetricSeriesConfiguration : IEntityTypeConfiguration<MetricSeries>
{
    public void Configure(EntityTypeBuilder<MetricSeries> b)
    {
        b.ToTable("MetricSeries");
        b.Property(s => s.Name).HasMaxLength(200).IsRequired();
        b.Ignore(s => s.Task);
        b.HasIndex(s => new { s.RunId, s.Name, s.TaskKey }).IsUnique();
        b.HasOne<Run>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
