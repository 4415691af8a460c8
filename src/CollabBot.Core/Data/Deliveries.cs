using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Data;

internal sealed class InboundDeliveryConfiguration : IEntityTypeConfiguration<InboundDelivery>
{
    public void Configure(EntityTypeBuilder<InboundDelivery> b)
    {
        b.ToTable("inbound_deliveries");
        b.HasIndex(d => new { d.Source, d.DeliveryId }).IsUnique();
        b.Property(d => d.Source).HasMaxLength(32);
        b.Property(d => d.DeliveryId).HasMaxLength(128);
    }
}

/// <summary>Claims a delivery id once; the unique index makes the claim atomic across instances.</summary>
public static class Deliveries
{
    /// <summary>True the first time (source, id) is seen; false for a retry or redelivery.</summary>
    public static async Task<bool> TryClaimAsync(CollabBotDbContext db, string source, string deliveryId, CancellationToken cancellationToken = default)
    {
        if (await db.InboundDeliveries.AnyAsync(d => d.Source == source && d.DeliveryId == deliveryId, cancellationToken))
        {
            return false;
        }

        var delivery = new InboundDelivery { Source = source, DeliveryId = deliveryId, ReceivedAt = db.Now };
        db.InboundDeliveries.Add(delivery);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (UniqueKeys.IsViolation(ex))
        {
            // Another request claimed it between our check and insert.
            db.Entry(delivery).State = EntityState.Detached;
            return false;
        }
    }
}
