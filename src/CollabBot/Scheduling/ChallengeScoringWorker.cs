using CollabBot.Core.Features.Challenges;

namespace CollabBot.Scheduling;

/// <summary>Scores queued challenge submissions: woken at once when one is queued, and every few seconds for those left by a restart or a lapsed claim.</summary>
public sealed partial class ChallengeScoringWorker(ChallengeScoring scoring, ChallengeScoringSignal signal, TimeProvider clock, ILogger<ChallengeScoringWorker> logger)
    : PassWorker(signal, clock, PollInterval)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override Task RunPassAsync(CancellationToken cancellationToken) => scoring.ScoreQueuedAsync(cancellationToken);

    protected override void LogPassFailed(Exception exception) => LogPassFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A challenge scoring pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
