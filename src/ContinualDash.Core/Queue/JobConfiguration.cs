using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Queue;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> b)
    {
        b.ToTable("Jobs");
        b.Property(j => j.Kind).HasMaxLength(16).IsRequired();
        b.Property(j => j.PayloadJson).IsRequired();
        b.Property(j => j.Labels).HasMaxLength(200).IsRequired();
        b.Property(j => j.Status).HasMaxLength(16).IsRequired();
        b.Property(j => j.WorkerId).HasMaxLength(100);
        // The claim scans due jobs by status; the run's page finds its job by run.
        b.HasIndex(j => new { j.Status, j.NextAttemptAt });
        b.HasIndex(j => j.RunId);
        b.HasOne<Run>().WithMany().HasForeignKey(j => j.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
