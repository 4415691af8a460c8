using CollabBot.Core.Features.Challenges;

namespace CollabBot.Scheduling;

/// <summary>Scores queued challenge submissions: woken at once when one is queued, and every few seconds for those left by a restart or a lapsed claim.</summary>
public sealed partial class ChallengeScoringWorker(ChallengeScoring scoring, ChallengeScoringSignal signal, TimeProvider clock, ILogger<ChallengeScoringWorker> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await scoring.ScoreQueuedAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A challenge scoring pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
