using CollabBot.Core.Outbox;

namespace CollabBot.Scheduling;

/// <summary>Delivers the outbox: woken at once when a command queues messages, and every few seconds for retries.</summary>
public sealed partial class OutboxWorker(OutboxDelivery delivery, OutboxSignal signal, TimeProvider clock, ILogger<OutboxWorker> logger)
    : PassWorker(signal, clock, PollInterval)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override Task RunPassAsync(CancellationToken cancellationToken) => delivery.DeliverDueAsync(cancellationToken);

    protected override void LogPassFailed(Exception exception) => LogPassFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox delivery pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
