using CollabBot.Core;

namespace CollabBot.Scheduling;

/// <summary>
/// A background loop of passes: one pass at once, then the next when its signal wakes it or the poll interval lapses
/// (for work left by a restart or a lapsed claim). A failed pass is logged and retried after the interval; a broken
/// database must not stop the loop for good. The outbox and challenge scoring share it.
/// </summary>
public abstract class PassWorker(WakeSignal signal, TimeProvider clock, TimeSpan pollInterval) : BackgroundService
{
    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    protected abstract void LogPassFailed(Exception exception);

    /// <summary>How long to sleep after a pass unless woken: the poll interval, or less when work is known to fall due sooner.</summary>
    protected virtual Task<TimeSpan> WaitAfterPassAsync(TimeSpan pollInterval, CancellationToken cancellationToken) => Task.FromResult(pollInterval);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(ex);
                await Task.Delay(pollInterval, clock, stoppingToken);
            }

            try
            {
                var wait = await WaitAfterPassAsync(pollInterval, stoppingToken);
                if (wait > TimeSpan.Zero)
                {
                    await signal.WaitAsync(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(ex);
                await Task.Delay(pollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
