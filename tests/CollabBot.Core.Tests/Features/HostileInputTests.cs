using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using CollabBot.Core.Values;
using CsCheck;

namespace CollabBot.Core.Tests.Features;

/// <summary>
/// quality.md: malformed or hostile command text gets a clear error or a safe reply, never a failure, a stack
/// trace or a ping. Failed is the status the dispatcher gives an exception, so it must never appear here.
/// </summary>
public sealed class HostileInputTests
{
    /// <summary>Where user text lands: every argument and option of /wg, /profile and /collab that takes text.</summary>
    private static readonly string[] Templates =
    [
        "{0}",
        "/wg {0}",
        "/wg info {0}",
        "/wg list --kind {0}",
        "/wg members calorimetry --role {0}",
        "/wg create {0} {0}",
        "/wg create quantum {0} --description {0}",
        "/wg edit calorimetry --name {0}",
        "/wg edit calorimetry --description {0} --tz {0}",
        "/wg add calorimetry {0}",
        "/wg add calorimetry @noah --role {0}",
        "/wg role set calorimetry @noah {0}",
        "/profile show {0}",
        "/profile set --name {0}",
        "/profile set --given {0} --family {0} --particle {0}",
        "/profile set --orcid {0}",
        "/profile set --tz {0}",
        "/profile set --affiliation {0} --affiliation {0}",
        "/collab help {0}",
    ];

    public static TheoryData<string, string> Inputs => new()
    {
        { "everyone", "@everyone" },
        { "here", "@here" },
        { "channel", "@channel" },
        { "slack-channel", "<!channel>" },
        { "slack-everyone", "<!everyone>" },
        { "slack-here", "<!here|here>" },
        { "slack-subteam", "<!subteam^S0123|@admins>" },
        { "slack-user", "<@U024BE7LH|bob>" },
        { "discord-user", "<@80351110224678912>" },
        { "discord-role", "<@&80351110224678912>" },
        { "100kB", new string('a', 100_000) },
        { "100kB-everyone", string.Concat(Enumerable.Repeat("@everyone ", 10_000)) },
        { "just-under-limit", new string('x', TypedTextParser.MaxLength - 200) },
        { "5000", new string('w', 5000) },
        { "nul", "a\0b" },
        { "bell", "\u0007" },
        { "ansi-escape", "\u001b[31mred\u001b[0m" },
        { "del", "\u007f" },
        { "newline", "two\nlines" },
        { "crlf", "two\r\nlines" },
        { "rtl-override", "\u202Eevil.exe" },
        { "rtl-mark", "\u200Fcalorimetry" },
        { "isolates", "\u2066a\u2069" },
        { "zero-width", "calori\u200Bmetry" },
        { "bom", "\uFEFF" },
        { "nbsp", "a\u00A0b" },
        { "lone-high-surrogate", "\uD800" },
        { "lone-low-surrogate", "x\uDC00y" },
        { "emoji", "🔥🧪" },
        { "quote", "\"" },
        { "unbalanced", "\"unclosed" },
        { "smart-unbalanced", "“unclosed" },
        { "escapes", "\\\"\\\\" },
        { "dashes", "--" },
        { "triple-dash", "---" },
        { "equals", "--=" },
        { "help", "--help" },
        { "me", "me" },
        { "at", "@" },
        { "at-colon", "@slack:" },
        { "identity-injection", "@console:admin" },
        { "sql", "'; DROP TABLE working_groups; --" },
        { "format", "{0}{1}%s%n" },
        { "html", "<script>alert(1)</script>" },
        { "markdown", "**bold** `code` [x](http://evil)" },
        { "empty", "" },
        { "spaces", "   " },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task HostileText_AnywhereInAnyCommand_NeverFailsNorThrows(string name, string input)
    {
        await using var h = await CoreHarness.StartAsync();

        foreach (var template in Templates)
        {
            foreach (var value in new[] { input, Quote(input) })
            {
                // As the admin, whom no permission check stops, so the text reaches every handler.
                var reply = await h.SayAsync(CoreHarness.Admin, string.Format(null, template, value), channel: "C1");
                AssertSafe(reply, $"{name}: {template}");
            }
        }
    }

    /// <summary>Where Slack's own markup (mentions, links, escapes) is parsed or echoed back.</summary>
    private static readonly string[] SlackTemplates =
    [
        "{0}",
        "/wg info {0}",
        "/wg add calorimetry {0}",
        "/wg edit calorimetry --name {0}",
        "/profile show {0}",
        "/profile set --name {0} --affiliation {0}",
        "/collab help {0}",
    ];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task HostileText_FromSlack_NeverFailsNorMentionsACrowd(string name, string input)
    {
        await using var h = await CoreHarness.StartAsync();

        foreach (var template in SlackTemplates)
        {
            foreach (var value in new[] { input, Quote(input) })
            {
                var line = string.Format(null, template, value);
                var reply = await h.Dispatcher.DispatchTextAsync(Platform.Slack, "T0DEMO", "C0CALO0001", new Caller("slack:T0DEMO:U0AMARA01"), line, TestContext.Current.CancellationToken);
                AssertSafe(reply, $"{name}: {template}");
                Assert.All(Mentions(reply), m => Assert.StartsWith("slack:T0DEMO:", m.Identity, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task EveryoneMention_OnSlack_IsNotAPerson()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.Dispatcher.DispatchTextAsync(Platform.Slack, "T0DEMO", "C0CALO0001", new Caller("slack:T0DEMO:U0AMARA01"), "/wg add calorimetry <!everyone>", TestContext.Current.CancellationToken);

        HarnessQueries.AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task HostileName_IsKeptAsTextNeverAsAMention()
    {
        await using var h = await CoreHarness.StartAsync();

        await h.SayAsync("console:amara", "/profile set --name \"<!channel> @everyone\"");
        var reply = await h.SayAsync("console:noah", "/wg members calorimetry");

        Assert.Contains("<!channel> @everyone", reply.Plain, StringComparison.Ordinal);
        Assert.Empty(Mentions(reply));
    }

    [Fact]
    public async Task RandomText_AfterAnyCommand_NeverFails()
    {
        await using var h = await CoreHarness.StartAsync();
        var prefixes = Templates.Select(t => t.Replace("{0}", "", StringComparison.Ordinal)).Distinct().ToArray();

        // One thread: the harness shares one SQLite connection. The seed is fixed so a failure reproduces.
        await Gen.Select(Gen.OneOf(prefixes), Gen.String[0, 60], Gen.OneOf("console:amara", CoreHarness.Admin, "console:newcomer"))
            .SampleAsync(
                async (prefix, text, caller) => AssertSafe(await h.SayAsync(caller, prefix + text, channel: "C1"), prefix),
                seed: "0N0XIzNsQ0O2",
                iter: 300,
                threads: 1);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static IEnumerable<Mention> Mentions(Reply reply) =>
        reply.Sections.SelectMany(s => s.Lines.Concat(s.Fields.Select(f => f.Value))).SelectMany(l => l.Parts).OfType<Mention>();

    private static void AssertSafe(Reply reply, string what)
    {
        Assert.True(reply.Status is ReplyStatus.Ok or ReplyStatus.Invalid or ReplyStatus.NotFound or ReplyStatus.Refused, $"{what} → {reply.Status}: {reply.Plain}");
        Assert.DoesNotContain("Exception", reply.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", reply.Plain, StringComparison.Ordinal);

        // Only people the bot means may be mentioned, by a real identity: never a crowd keyword.
        Assert.All(Mentions(reply), m => Assert.True(IdentityKey.IsValid(m.Identity), $"{what}: mention of '{m.Identity}'"));
    }
}
