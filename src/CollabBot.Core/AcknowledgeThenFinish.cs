using CollabBot.Core.Replies;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core;

/// <summary>
/// "Answer within the platform's deadline, finish later", for every adapter: Slack wants a slash command answered within
/// 3 seconds, Discord an interaction. The work runs off the request's thread; done within the inline budget, its reply
/// is the answer; otherwise the adapter acknowledges now (Slack: "Working on it…", Discord: a deferred response) and
/// its finisher delivers the reply when it comes (Slack: <c>response_url</c>; Discord: editing the deferred response).
/// Work that fails after the acknowledgement is logged and the user gets <see cref="Apology"/>, never silence.
/// </summary>
public sealed partial class AcknowledgeThenFinish(TimeProvider clock, ILogger<AcknowledgeThenFinish> logger)
{
    /// <summary>What the user reads when their command failed on our side after it was acknowledged.</summary>
    public const string ApologySentence = "Sorry, something went wrong on our side. It has been logged; please try again in a moment.";

    public static Reply Apology => Reply.Failed(ApologySentence);

    /// <summary>Work that outlives the request that started it; shutdown and tests wait for it.</summary>
    public BackgroundWork Background { get; } = new();

    /// <summary>
    /// Runs <paramref name="work"/>; returns its reply when it finished within <paramref name="budget"/>, or null when it
    /// did not, in which case <paramref name="finishLater"/> gets the reply (or <see cref="Apology"/>) once it is done.
    /// The work does not take <paramref name="cancellationToken"/>: it must outlive an early acknowledgement.
    /// </summary>
    public async Task<Reply?> RunAsync(string platform, Func<Task<Reply>> work, TimeSpan budget, Func<Reply, Task> finishLater, CancellationToken cancellationToken = default)
    {
        // On the thread pool: SQLite's "async" calls complete synchronously, and run inline the whole command would
        // finish before the budget timer even started, so a slow one could never be acknowledged early.
        var running = Task.Run(work, CancellationToken.None);
        var deadline = Task.Delay(budget, clock, cancellationToken);
        if (await Task.WhenAny(running, deadline) == running)
        {
            return await running;
        }

        Later(platform, running, finishLater);
        return null;
    }

    /// <summary>Finishes work whose acknowledgement has already gone (a button press, answered at once).</summary>
    public void Later(string platform, Task<Reply> work, Func<Reply, Task> finish) => Background.Track(FinishAsync(platform, work, finish));

    private async Task FinishAsync(string platform, Task<Reply> work, Func<Reply, Task> finish)
    {
        Reply reply;
        try
        {
            reply = await work;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, platform);
            reply = Apology;
        }

        await finish(reply);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Platform} command failed after it was acknowledged")]
    private static partial void LogFailed(ILogger logger, Exception exception, string platform);
}
