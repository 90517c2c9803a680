using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Metrics;

internal sealed class MetricSeriesCountConfiguration : IEntityTypeConfiguration<MetricSeriesCount>
{
    public void Configure(EntityTypeBuilder<MetricSeriesCount> b)
    {
        b.ToTable("MetricSeriesCounts");
        b.HasKey(x => x.SeriesId);
        b.Property(x => x.SeriesId).ValueGeneratedNever();
        b.HasOne<MetricSeries>().WithOne().HasForeignKey<MetricSeriesCount>(x => x.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}
