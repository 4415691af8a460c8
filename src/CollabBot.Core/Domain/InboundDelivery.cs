namespace CollabBot.Core.Domain;

/// <summary>
/// A platform delivery already handled (a Slack event id, a GitHub delivery GUID), so a retry or redelivery
/// is acknowledged and not processed twice — across restarts and instances, because the key is unique in the database.
/// </summary>
public sealed class InboundDelivery
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public required string DeliveryId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
