using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ContinualDash.Core.Experiments;

namespace ContinualDash.Core.Runs;

internal sealed class RunConfiguration : IEntityTypeConfiguration<Run>
{
    public void Configure(EntityTypeBuilder<Run> b)
    {
        b.ToTable("Runs");
        b.Property(r => r.Name).HasMaxLength(200).IsRequired();
        b.Property(r => r.Status).HasMaxLength(16).IsRequired();
        b.Property(r => r.ConfigJson).IsRequired();
        b.Property(r => r.Benchmark).HasMaxLength(100);
        b.Property(r => r.Strategy).HasMaxLength(100);
        b.Property(r => r.WorkerName).HasMaxLength(200);
        b.HasOne<Experiment>().WithMany().HasForeignKey(r => r.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Tags).WithOne().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.CreatedAt);
        b.HasIndex(r => r.Status);
        b.Ignore(r => r.IsFinal);
    }
}
