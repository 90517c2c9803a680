using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Runs;

internal sealed class TaskPhaseConfiguration : IEntityTypeConfiguration<TaskPhase>
{
    public void Configure(EntityTypeBuilder<TaskPhase> b)
    {
        b.ToTable("TaskPhases");
        b.HasKey(p => new { p.RunId, p.TaskIndex });
        b.Property(p => p.Name).HasMaxLength(200);
        b.HasOne<Run>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
