using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Experiments;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> b)
    {
        b.ToTable("Experiments");
        b.Property(e => e.Name).HasMaxLength(200).IsRequired();
        b.Property(e => e.SpecJson).IsRequired();
        b.Property(e => e.CreatedBy).HasMaxLength(100);
        b.HasIndex(e => e.CreatedAt);
    }
}
