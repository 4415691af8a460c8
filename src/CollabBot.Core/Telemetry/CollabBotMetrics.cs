using System.Diagnostics.Metrics;

namespace CollabBot.Core.Telemetry;

/// <summary>
/// The service's own measurements, on a plain <see cref="Meter"/> (the host exports them for Prometheus at
/// <c>/metrics</c>). Tags are low-cardinality names, never user text or secrets.
/// </summary>
public static class CollabBotMetrics
{
    public const string MeterName = "CollabBot";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>("collabbot.commands", description: "Commands handled, by command, platform and outcome");
    private static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>("collabbot.command.duration", unit: "ms", description: "Time from dispatch to reply, by command and platform");
    private static readonly Counter<long> RemindersQueued = Meter.CreateCounter<long>("collabbot.reminders.queued", description: "Reminders queued for delivery (one per channel)");
    private static readonly Counter<long> RemindersMissed = Meter.CreateCounter<long>("collabbot.reminders.missed", description: "Reminders not sent because they were past use (too late or the meeting had started)");
    private static readonly Histogram<double> ReminderLateness = Meter.CreateHistogram<double>("collabbot.reminder.lateness", unit: "ms", description: "From a reminder's due time to its hand-over to the platform client");
    private static readonly Counter<long> Posts = Meter.CreateCounter<long>("collabbot.posts", description: "Outbox messages posted, by platform and outcome (sent, retry, failed)");
    private static readonly Counter<long> PlatformErrors = Meter.CreateCounter<long>("collabbot.platform.errors", description: "Platform API errors, by platform and error code");
    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("collabbot.platform.rate_limited", description: "429 answers from a platform API, by platform");
    private static readonly Counter<long> GitHubRequests = Meter.CreateCounter<long>("collabbot.github.requests", description: "GitHub API requests, by kind and outcome (e.g. 304 not modified)");

    public static void Command(string command, string platform, string status, double milliseconds)
    {
        Commands.Add(1, new("command", command), new("platform", platform), new("status", status));
        CommandDuration.Record(milliseconds, new("command", command), new("platform", platform));
    }

    public static void ReminderQueued(int channels) => RemindersQueued.Add(channels);

    public static void ReminderMissed() => RemindersMissed.Add(1);

    public static void ReminderHandedOver(TimeSpan lateness, string platform) =>
        ReminderLateness.Record(Math.Max(0, lateness.TotalMilliseconds), new KeyValuePair<string, object?>("platform", platform));

    public static void Post(string platform, string outcome) => Posts.Add(1, new("platform", platform), new("outcome", outcome));

    public static void PlatformError(string platform, string code) => PlatformErrors.Add(1, new("platform", platform), new("code", code));

    public static void PlatformRateLimited(string platform) => RateLimited.Add(1, new KeyValuePair<string, object?>("platform", platform));

    public static void GitHubRequest(string kind, string outcome) => GitHubRequests.Add(1, new("kind", kind), new("outcome", outcome));
}
