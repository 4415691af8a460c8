using System.Diagnostics.Metrics;

namespace CollabBot.Core.Telemetry;

/// <summary>
/// The service's own measurements, on a plain <see cref="Meter"/> (the host exports them for Prometheus at
/// <c>/metrics</c>). Tags are low-cardinality names, never user text or secrets. Durations are in seconds, the
/// base unit Prometheus and OpenTelemetry's conventions ask for (<c>collabbot_command_duration_seconds</c>).
/// </summary>
public static class CollabBotMetrics
{
    public const string MeterName = "CollabBot";

    /// <summary>The service's name in telemetry (OpenTelemetry's <c>service.name</c>; Prometheus' <c>target_info</c>).</summary>
    public const string ServiceName = "collabbot";

    /// <summary>A command answers in milliseconds to a few seconds (Slack allows three before it must be acknowledged).</summary>
    private static readonly double[] CommandBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 5, 10];

    /// <summary>A reminder is handed over within seconds of its time, or minutes late after a restart.</summary>
    private static readonly double[] LatenessBuckets = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600];

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>("collabbot.commands", description: "Commands handled, by command, platform and outcome");
    private static readonly Histogram<double> CommandDuration = Meter.CreateHistogram("collabbot.command.duration", unit: "s", description: "Time from dispatch to reply, by command, platform and outcome", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CommandBuckets });
    private static readonly Counter<long> RemindersQueued = Meter.CreateCounter<long>("collabbot.reminders.queued", description: "Reminders queued for delivery (one per channel)");
    private static readonly Counter<long> RemindersMissed = Meter.CreateCounter<long>("collabbot.reminders.missed", description: "Reminders not sent because they were past use (too late or the meeting had started)");
    private static readonly Histogram<double> ReminderLateness = Meter.CreateHistogram("collabbot.reminder.lateness", unit: "s", description: "From a reminder's due time to its hand-over to the platform client", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
    private static readonly Counter<long> Posts = Meter.CreateCounter<long>("collabbot.posts", description: "Outbox messages posted, by platform and outcome (sent, retry, failed)");
    private static readonly Counter<long> PlatformErrors = Meter.CreateCounter<long>("collabbot.platform.errors", description: "Platform API errors, by platform and error code");
    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("collabbot.platform.rate_limited", description: "429 answers from a platform API, by platform");

    /// <summary>One command answered: <paramref name="command"/> is a catalog key (never user text), <paramref name="outcome"/> the reply's status.</summary>
    public static void Command(string command, string platform, string outcome, TimeSpan duration)
    {
        Commands.Add(1, new("command", command), new("platform", platform), new("outcome", outcome));
        CommandDuration.Record(Math.Max(0, duration.TotalSeconds), new("command", command), new("platform", platform), new("outcome", outcome));
    }

    public static void ReminderQueued(int channels) => RemindersQueued.Add(channels);

    public static void ReminderMissed() => RemindersMissed.Add(1);

    public static void ReminderHandedOver(TimeSpan lateness, string platform) =>
        ReminderLateness.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>("platform", platform));

    public static void Post(string platform, string outcome) => Posts.Add(1, new("platform", platform), new("outcome", outcome));

    public static void PlatformError(string platform, string code) => PlatformErrors.Add(1, new("platform", platform), new("code", code));

    public static void PlatformRateLimited(string platform) => RateLimited.Add(1, new KeyValuePair<string, object?>("platform", platform));
}
