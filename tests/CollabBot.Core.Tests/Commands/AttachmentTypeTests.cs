using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Tests.Commands;

/// <summary>The <c>attachment</c> option type: only a named, optional, single option; it cannot be typed; help says how to send one.</summary>
public sealed class AttachmentTypeTests
{
    private const string Yaml = """
        name: probe
        description: A command that takes a file
        subcommands:
          - name: send
            description: Send a file
            who: anyone
            kind: change
            options:
              - { name: file, type: attachment, description: The file }
              - { name: url, type: url, description: Or its address }
        """;

    private sealed record Args(CollabBot.Core.Downloads.IncomingFile? File, string? Url);

    [Theory]
    [InlineData("args:\n      - { name: file, type: attachment, description: The file }")]
    [InlineData("options:\n      - { name: file, type: attachment, required: true, description: The file }")]
    [InlineData("options:\n      - { name: file, type: attachment, repeatable: true, description: The file }")]
    public void Catalog_AttachmentThatIsNotANamedOptionalSingleOption_IsRefused(string declaration)
    {
        var yaml = "name: probe\ndescription: d\nsubcommands:\n  - name: send\n    description: d\n    who: anyone\n    kind: change\n    " + declaration + "\n";

        var ex = Assert.Throws<InvalidDataException>(() => CommandCatalog.Parse(yaml, "probe.yaml"));

        Assert.Contains("attachment is a named option, optional and single", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_AttachmentOption_IsRefusedSayingHowToSendAFile()
    {
        var catalog = new CommandCatalog([CommandCatalog.Parse(Yaml, "probe.yaml")]);
        var parsed = Assert.IsType<ParseResult.Parsed>(TypedTextParser.ParseLine(catalog, "/probe send --file predictions.csv", new ParseContext(Platform.Console, "local", "console:alice")));

        var result = ArgumentBinder.Bind(parsed.Command, parsed.Arguments, typeof(Args));

        var reply = Assert.IsType<ArgumentBinder.Result.Failed>(result).Reply;
        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("--file is a file and cannot be typed", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("--url", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_CommandWithAnAttachment_SaysHowEachPlatformSendsIt()
    {
        var catalog = new CommandCatalog([CommandCatalog.Parse(Yaml, "probe.yaml")]);

        var help = HelpText.For(catalog.Find("probe send")!).Plain;

        Assert.Contains("[--file (attach a file)]", help, StringComparison.Ordinal);
        Assert.Contains("on Discord, attach it to the file option", help, StringComparison.Ordinal);
        Assert.Contains("on Slack, share it", help, StringComparison.Ordinal);
    }
}
