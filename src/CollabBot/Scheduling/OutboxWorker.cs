using CollabBot.Core.Outbox;

namespace CollabBot.Scheduling;

/// <summary>
/// Delivers the outbox: woken at once when a command queues messages, at the due time of the next message written
/// ahead of it (a reminder queued before its due instant), and every few seconds for retries and lapsed claims.
/// </summary>
public sealed partial class OutboxWorker(OutboxDelivery delivery, OutboxSignal signal, TimeProvider clock, ILogger<OutboxWorker> logger)
    : PassWorker(signal, clock, PollInterval)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>A row due now that this pass could not claim (another worker holds it for a moment) is looked at again this soon.</summary>
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider clock = clock;
    private int lastSent;

    protected override async Task RunPassAsync(CancellationToken cancellationToken) => lastSent = await delivery.DeliverDueAsync(cancellationToken);

    protected override async Task<TimeSpan> WaitAfterPassAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        if (lastSent >= OutboxDelivery.BatchSize)
        {
            return TimeSpan.Zero;
        }

        // Wake when the next row can be claimed (ClaimAhead before it falls due), so a reminder leaves on its due instant.
        if (await delivery.NextDueAsync(cancellationToken) is not { } next)
        {
            return pollInterval;
        }

        var wait = next - OutboxDelivery.ClaimAhead - clock.GetUtcNow();
        return wait < Retry ? Retry : wait < pollInterval ? wait : pollInterval;
    }

    protected override void LogPassFailed(Exception exception) => LogPassFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox delivery pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
