using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Data;

internal sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> b)
    {
        b.ToTable("outbound_messages");
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => m.DedupeKey).IsUnique();
        b.Property(m => m.Platform).HasMaxLength(16);
        b.Property(m => m.Tenant).HasMaxLength(64);
        b.Property(m => m.Target).HasMaxLength(200);
        b.Property(m => m.DedupeKey).HasMaxLength(200);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.LastError).HasMaxLength(500);

        // Claiming a message bumps Attempts; two workers claiming at once collide here, and one backs off.
        b.Property(m => m.Attempts).IsConcurrencyToken();
    }
}
