using CollabBot.Core.Outbox;

namespace CollabBot.Scheduling;

/// <summary>Delivers the outbox: woken at once when a command queues messages, and every few seconds for retries.</summary>
public sealed partial class OutboxWorker(OutboxDelivery delivery, OutboxSignal signal, TimeProvider clock, ILogger<OutboxWorker> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await delivery.DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The next pass retries; a broken database must not stop the loop for good.
                LogPassFailed(logger, ex);
                await Task.Delay(PollInterval, clock, stoppingToken);
            }

            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox delivery pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
