using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using CollabBot.Core.Values;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Values;

/// <summary>
/// One set of input rules for every platform: the binder applies <see cref="InputRules"/> to every value, so a value
/// typed on the console, sent as Slack text or handed over as a structured option (as Discord's are) gets the same answer.
/// </summary>
public sealed class InputRulesTests
{
    [Theory]
    [InlineData("Jet\u0007Tagging", "a control character (U+0007)")]
    [InlineData("\u001b[31mred", "a control character (U+001B)")]
    [InlineData("a\0b", "a control character (U+0000)")]
    [InlineData("a\u007fb", "a control character (U+007F)")]
    [InlineData("a\u0085b", "a control character (U+0085)")]
    [InlineData("a\vb", "a control character (U+000B)")]
    [InlineData("\u202Eexe.txt", "a text-direction control character (U+202E)")]
    [InlineData("\u202Aembedded", "a text-direction control character (U+202A)")]
    [InlineData("\u2066isolated\u2069", "a text-direction control character (U+2066)")]
    public void Problem_RefusedCharacter_IsNamedWithItsCodePoint(string text, string problem) =>
        Assert.StartsWith(problem, InputRules.Problem(text), StringComparison.Ordinal);

    [Fact]
    public void Problem_LoneSurrogate_IsABrokenCharacter()
    {
        // Built here, not in attributes: a lone surrogate does not survive being stored as attribute or theory data.
        Assert.Equal("a broken character (a lone surrogate, U+D800)", InputRules.Problem("x" + (char)0xD800 + "y"));
        Assert.Equal("a broken character (a lone surrogate, U+DC00)", InputRules.Problem("x" + (char)0xDC00));
        Assert.Equal("a broken character (a lone surrogate, U+DC00)", InputRules.Problem("x" + (char)0xDC00 + (char)0xD800));
        Assert.Null(InputRules.Problem("x" + (char)0xD83D + (char)0xDE00));
    }

    [Theory]
    [InlineData("Jet Tagging")]
    [InlineData("two\nlines\r\nand\ta tab")]
    [InlineData("\u200Fשלום\u200E and Arabic \u0645\u0631\u062D\u0628\u0627")]
    [InlineData("Zoë Ünal, 漢字, 🔥🧪")]
    [InlineData("a\u00A0b\u2028c")]
    [InlineData("")]
    public void Problem_PrintableTextLineBreaksAndDirectionMarks_IsNone(string text) =>
        Assert.Null(InputRules.Problem(text));

    [Fact]
    public void Visible_RefusedCharacters_BecomeReplacementCharacters() =>
        Assert.Equal("a\uFFFDb\uFFFDc\uFFFD 😀\nd", InputRules.Visible("a\u001bb\u202Ec\uD800 😀\nd"));

    /// <summary>By name: a lone surrogate does not survive being serialised as theory data.</summary>
    private static readonly Dictionary<string, string> HostileValues = new(StringComparer.Ordinal)
    {
        ["bell"] = "Jet\u0007Tagging",
        ["terminal-escape"] = "\u001b[31mJet",
        ["rtl-override"] = "Jet \u202Egniggat",
        ["isolate"] = "Jet \u2067Tagging\u2069",
        ["lone-surrogate"] = "Jet" + (char)0xD800,
    };

    public static TheoryData<string> Hostile => [.. HostileValues.Keys];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task SameValue_TypedSlackOrStructured_GetsTheSameRefusalAndChangesNothing(string name)
    {
        var value = HostileValues[name];
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();
        var node = h.Dispatcher.Catalog.Find("wg edit")!;
        var quoted = "\"" + value + "\"";

        var console = await h.SayAsync("console:amara", "/wg edit calorimetry --name " + quoted);
        var slack = await h.Dispatcher.DispatchTextAsync(Platform.Slack, "T0DEMO", "C0CALO0001", new Caller("slack:T0DEMO:U0AMARA01"), "/wg edit calorimetry --name " + quoted, TestContext.Current.CancellationToken);
        var structured = await h.Dispatcher.DispatchAsync(
            new Invocation(Platform.Discord, "1000000000000000001", "1000000000000000011", new Caller("console:amara"), node, new ArgumentBag().Set("wg", "calorimetry").Set("name", value)),
            TestContext.Current.CancellationToken);

        AssertStatus(ReplyStatus.Invalid, console);
        Assert.StartsWith("--name contains ", console.Sections[0].Lines[0].Plain, StringComparison.Ordinal);
        Assert.Equal(console.Plain, slack.Plain);
        Assert.Equal(console.Plain, structured.Plain);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Refusal_PositionalArgument_NamesTheArgument()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/wg create jets \"Jet\u202ETagging\"");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.StartsWith("<name> contains a text-direction control character (U+202E)", reply.Sections[0].Lines[0].Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_RepeatableOption_ChecksEveryValue()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/profile set --affiliation CERN --affiliation \"EPFL\u0007\"");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.StartsWith("--affiliation contains a control character (U+0007)", reply.Sections[0].Lines[0].Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownWord_WithAnEscapeSequence_IsEchoedWithoutIt()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/wg jo\u001b[2Jin calorimetry");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.DoesNotContain('\u001b', reply.Plain);
        Assert.Contains("jo\uFFFD[2Jin", reply.Plain, StringComparison.Ordinal);
    }
}
