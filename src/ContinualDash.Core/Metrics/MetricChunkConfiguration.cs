using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Metrics;

internal sealed class MetricChunkConfiguration : IEntityTypeConfiguration<MetricChunk>
{
    public void Configure(EntityTypeBuilder<MetricChunk> b)
    {
        b.ToTable("MetricChunks");
        // Every read is "the chunks of a series (or of a run's series) from an id on, in id order".
        b.HasIndex(c => new { c.SeriesId, c.Id });
        b.Property(c => c.Points).IsRequired();
        b.HasOne<MetricSeries>().WithMany().HasForeignKey(c => c.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}
