using System.Globalization;
using System.Text.RegularExpressions;
using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using CollabBot.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>
/// <c>/metrics</c> of the real host, after commands through the real dispatcher: durations in seconds,
/// <c>service.name</c> collabbot, a sample for a line that did not parse, and text that promtool accepts.
/// </summary>
public sealed partial class MetricsTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_AfterACommand_DurationsInSecondsAndServiceNameCollabbot()
    {
        await SayAsync("/wg list");

        var text = await ScrapeUntilAsync(t => t.Contains("collabbot_command_duration_seconds_bucket", StringComparison.Ordinal));

        Assert.Contains("# TYPE collabbot_command_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.DoesNotContain("milliseconds", text, StringComparison.Ordinal);
        var histograms = TypeRegex().Matches(text).Where(m => m.Groups["type"].Value == "histogram").Select(m => m.Groups["name"].Value).ToList();
        Assert.NotEmpty(histograms);
        Assert.All(histograms, name => Assert.EndsWith("_seconds", name, StringComparison.Ordinal));
        Assert.Matches(@"(?m)^target_info\{[^}]*service_name=""collabbot""", text);
        Assert.DoesNotContain("unknown_service", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/wg frobnicate", "wg")]
    [InlineData("/frobnicate now", "unknown")]
    public async Task Metrics_LineThatDoesNotParse_CountedWithOutcomeInvalid(string line, string command)
    {
        var labels = new Dictionary<string, string> { ["command"] = command, ["platform"] = "console", ["outcome"] = "invalid" };
        var before = Sample(await ScrapeAsync(), "collabbot_commands_total", labels);
        var beforeDurations = Sample(await ScrapeAsync(), "collabbot_command_duration_seconds_count", labels);

        var reply = await SayAsync(line);

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        var text = await ScrapeUntilAsync(t => Sample(t, "collabbot_commands_total", labels) > before);
        Assert.True(Sample(text, "collabbot_command_duration_seconds_count", labels) > beforeDurations, "no duration sample for " + line);
    }

    [Fact]
    public async Task Metrics_Exposition_PassesPromtoolCheckMetrics()
    {
        var promtool = ExternalTool.Find("promtool");
        Assert.SkipWhen(promtool is null, "promtool is not installed; apt-get install prometheus (Debian) to check /metrics with it.");
        await SayAsync("/wg list");
        await SayAsync("/wg frobnicate");
        var text = await ScrapeUntilAsync(t => t.Contains("outcome=\"invalid\"", StringComparison.Ordinal));

        var run = await ExternalTool.RunAsync(promtool!, ["check", "metrics"], Path.GetTempPath(), text, Ct);

        Assert.True(run.ExitCode == 0 && run.Output.Trim().Length == 0, run.Output + "\n" + text);
    }

    private Task<Reply> SayAsync(string line) =>
        factory.Services.GetRequiredService<Dispatcher>().DispatchTextAsync(Platform.Console, "local", null, new Caller("console:metrics-test", "metrics-test"), line, Ct);

    private async Task<string> ScrapeAsync()
    {
        using var response = await factory.CreateClient().GetAsync("/metrics", Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The exporter caches a scrape briefly, so a new sample shows within a moment, not at once.</summary>
    private async Task<string> ScrapeUntilAsync(Func<string, bool> condition)
    {
        var text = await ScrapeAsync();
        for (var attempt = 0; attempt < 50 && !condition(text); attempt++)
        {
            await Task.Delay(100, Ct);
            text = await ScrapeAsync();
        }

        Assert.True(condition(text), "/metrics never showed the expected sample:\n" + text);
        return text;
    }

    /// <summary>The value of the sample <paramref name="name"/> whose labels include <paramref name="labels"/>, or 0.</summary>
    private static double Sample(string text, string name, IReadOnlyDictionary<string, string> labels)
    {
        foreach (Match m in SampleRegex().Matches(text))
        {
            if (m.Groups["name"].Value != name)
            {
                continue;
            }

            var have = LabelRegex().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value);
            if (labels.All(l => have.TryGetValue(l.Key, out var v) && v == l.Value))
            {
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"(?m)^# TYPE (?<name>\S+) (?<type>\S+)$")]
    private static partial Regex TypeRegex();

    [GeneratedRegex(@"(?m)^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>\S+)")]
    private static partial Regex SampleRegex();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelRegex();
}
