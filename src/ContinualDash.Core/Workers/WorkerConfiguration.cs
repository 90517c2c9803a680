using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContinualDash.Core.Workers;

internal sealed class WorkerConfiguration : IEntityTypeConfiguration<Worker>
{
    public void Configure(EntityTypeBuilder<Worker> b)
    {
        b.ToTable("Workers");
        b.HasKey(w => w.Id);
        b.Property(w => w.Id).HasMaxLength(100);
        b.Property(w => w.Name).HasMaxLength(200).IsRequired();
        b.Property(w => w.Labels).HasMaxLength(200).IsRequired();
    }
}
