using CollabBot.Core.Commands;

namespace CollabBot.Core.Tests.Parsing;

/// <summary>The rules of commands.md, "Typed text", one by one, on the real command catalog.</summary>
public sealed class TypedTextParserTests
{
    private const string Tenant = "T0001";
    private static readonly CommandCatalog Catalog = CommandCatalog.Default;
    private static readonly ParseContext Console = new(Platform.Console, "local", "console:alice");
    private static readonly ParseContext Slack = new(Platform.Slack, Tenant, $"slack:{Tenant}:U0CALLER");

    private static ParseResult.Parsed Parsed(ParseResult result, string key)
    {
        var parsed = Assert.IsType<ParseResult.Parsed>(result);
        Assert.Equal(key, parsed.Command.Key);
        return parsed;
    }

    private static ParseResult.Parsed ParseLine(string line, string key) => Parsed(TypedTextParser.ParseLine(Catalog, line, Console), key);

    private static ParseResult.Parsed ParseSlack(string command, string text, string key) => Parsed(TypedTextParser.Parse(Catalog, command, text, Slack), key);

    private static string Error(ParseResult result)
    {
        var error = Assert.IsType<ParseResult.Error>(result);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error.Message;
    }

    private static CommandNode Help(ParseResult result) => Assert.IsType<ParseResult.Help>(result).Command;

    // Words

    [Fact]
    public void ParseLine_WordsSeparatedBySpaces_NameLeafAndArgument()
    {
        var parsed = ParseLine("/wg join calorimetry", "wg join");

        Assert.Equal("calorimetry", parsed.Arguments["wg"]);
        Assert.Single(parsed.Arguments.Values);
    }

    [Fact]
    public void ParseLine_RunsOfWhitespace_SeparateLikeOneSpace()
    {
        var parsed = ParseLine("  /wg \t join   calorimetry  ", "wg join");

        Assert.Equal("calorimetry", parsed.Arguments["wg"]);
    }

    [Fact]
    public void ParseLine_NestedSubcommand_NamesDeepestLeaf()
    {
        var parsed = ParseLine("/wg convener add calorimetry @bob", "wg convener add");

        Assert.Equal("calorimetry", parsed.Arguments["wg"]);
        Assert.Equal("console:bob", Assert.IsType<UserRef>(parsed.Arguments["user"]).Identity);
    }

    [Fact]
    public void Parse_SlackCommandAndText_NamesLeaf()
    {
        var parsed = ParseSlack("/wg", "join calorimetry", "wg join");

        Assert.Equal("calorimetry", parsed.Arguments["wg"]);
    }

    [Fact]
    public void ParseLine_CommandWordsInOtherCase_AreRecognised()
    {
        var parsed = ParseLine("/WG Join calorimetry", "wg join");

        Assert.Equal("calorimetry", parsed.Arguments["wg"]);
    }

    // Quotes

    [Theory]
    [InlineData("\"Jet Tagging\"")]
    [InlineData("'Jet Tagging'")]
    [InlineData("“Jet Tagging”")]
    [InlineData("‘Jet Tagging’")]
    [InlineData("\"Jet  Tagging\"", "Jet  Tagging")]
    [InlineData("\"\"", "")]
    public void ParseLine_QuotedString_KeepsSpaces(string quoted, string expected = "Jet Tagging")
    {
        var parsed = ParseLine($"/wg create jets {quoted} --kind area", "wg create");

        Assert.Equal("jets", parsed.Arguments["slug"]);
        Assert.Equal(expected, parsed.Arguments["name"]);
        Assert.Equal("area", parsed.Arguments["kind"]);
    }

    [Theory]
    [InlineData("\"Say \\\"hi\\\" now\"", "Say \"hi\" now")]
    [InlineData("'O\\'Brien group'", "O'Brien group")]
    [InlineData("“a \\” b”", "a ” b")]
    [InlineData("\"back\\\\slash\"", "back\\slash")]
    [InlineData("\"C:\\temp\"", "C:\\temp")]
    public void ParseLine_BackslashInsideQuotes_EscapesQuote(string quoted, string expected)
    {
        var parsed = ParseLine($"/wg create jets {quoted}", "wg create");

        Assert.Equal(expected, parsed.Arguments["name"]);
    }

    [Theory]
    [InlineData("\"It's ours\"", "It's ours")]
    [InlineData("'Say \"hi\"'", "Say \"hi\"")]
    public void ParseLine_OtherQuoteInsideQuotes_IsALetter(string quoted, string expected)
    {
        var parsed = ParseLine($"/wg create jets {quoted}", "wg create");

        Assert.Equal(expected, parsed.Arguments["name"]);
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("O’Brien")]
    [InlineData("rock'n'roll")]
    public void ParseLine_ApostropheInsideWord_IsALetter(string word)
    {
        var parsed = ParseLine($"/profile set --family {word} --given Pat", "profile set");

        Assert.Equal(word, parsed.Arguments["family"]);
        Assert.Equal("Pat", parsed.Arguments["given"]);
    }

    [Fact]
    public void ParseLine_QuotedHelpOrOption_IsPlainText()
    {
        var parsed = ParseLine("/wg create jets \"--help\" --description \"--closed\"", "wg create");

        Assert.Equal("--help", parsed.Arguments["name"]);
        Assert.Equal("--closed", parsed.Arguments["description"]);
        Assert.False(parsed.Arguments.Has("closed"));
    }

    // Options

    [Fact]
    public void ParseLine_OptionWithSpaceSeparatedValue_IsSet()
    {
        var parsed = ParseLine("/wg list --kind area", "wg list");

        Assert.Equal("area", parsed.Arguments["kind"]);
    }

    [Fact]
    public void ParseLine_OptionWithEqualsValue_IsSet()
    {
        var parsed = ParseLine("/wg list --kind=area", "wg list");

        Assert.Equal("area", parsed.Arguments["kind"]);
    }

    [Theory]
    [InlineData("--description=\"Jets and more\"")]
    [InlineData("--description \"Jets and more\"")]
    [InlineData("--description='Jets and more'")]
    [InlineData("--description=“Jets and more”")]
    public void ParseLine_OptionWithQuotedValue_KeepsSpaces(string option)
    {
        var parsed = ParseLine($"/wg create jets Jets {option}", "wg create");

        Assert.Equal("Jets and more", parsed.Arguments["description"]);
        Assert.Equal("Jets", parsed.Arguments["name"]);
    }

    [Fact]
    public void ParseLine_EqualsInsideValue_StaysInValue()
    {
        var parsed = ParseLine("/wg create jets Jets --description=a=b", "wg create");

        Assert.Equal("a=b", parsed.Arguments["description"]);
    }

    [Fact]
    public void ParseLine_OptionNameInOtherCase_IsRecognised()
    {
        var parsed = ParseLine("/wg list --KIND area", "wg list");

        Assert.Equal("area", parsed.Arguments["kind"]);
    }

    [Fact]
    public void ParseLine_FlagWithoutValue_IsTrue()
    {
        var parsed = ParseLine("/wg create jets Jets --closed", "wg create");

        Assert.Equal(true, parsed.Arguments["closed"]);
    }

    [Theory]
    [InlineData("--closed=false", false)]
    [InlineData("--closed=no", false)]
    [InlineData("--closed=true", true)]
    [InlineData("--closed=yes", true)]
    public void ParseLine_FlagWithBooleanValue_TakesIt(string flag, bool expected)
    {
        var parsed = ParseLine($"/wg create jets Jets {flag}", "wg create");

        Assert.Equal(expected, parsed.Arguments["closed"]);
    }

    [Fact]
    public void ParseLine_FlagFollowedByWord_LeavesWordPositional()
    {
        var parsed = ParseLine("/wg create --closed jets Jets", "wg create");

        Assert.Equal(true, parsed.Arguments["closed"]);
        Assert.Equal("jets", parsed.Arguments["slug"]);
        Assert.Equal("Jets", parsed.Arguments["name"]);
    }

    [Fact]
    public void ParseLine_FlagWithNonBooleanValue_IsErrorShowingForms()
    {
        var message = Error(TypedTextParser.ParseLine(Catalog, "/wg create jets Jets --closed=maybe", Console));

        Assert.Contains("--closed=false", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLine_OptionsBetweenAndBeforeArguments_BindTheSame()
    {
        var parsed = ParseLine("/wg create --kind area jets --tz Europe/Zurich \"Jet Tagging\" --closed", "wg create");

        Assert.Equal("jets", parsed.Arguments["slug"]);
        Assert.Equal("Jet Tagging", parsed.Arguments["name"]);
        Assert.Equal("area", parsed.Arguments["kind"]);
        Assert.Equal("Europe/Zurich", parsed.Arguments["tz"]);
        Assert.Equal(true, parsed.Arguments["closed"]);
    }

    [Fact]
    public void ParseLine_OptionWithoutValueAtEnd_IsErrorSayingItNeedsOne()
    {
        var message = Error(TypedTextParser.ParseLine(Catalog, "/wg list --kind", Console));

        Assert.Contains("--kind needs a value", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLine_OptionFollowedByOption_IsErrorSayingItNeedsAValue()
    {
        var message = Error(TypedTextParser.ParseLine(Catalog, "/wg list --kind --all", Console));

        Assert.Contains("--kind needs a value", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLine_RepeatedNonRepeatableOption_IsError()
    {
        var result = TypedTextParser.ParseLine(Catalog, "/wg list --kind area --kind problem", Console);

        var message = Error(result);
        Assert.Contains("--kind", message, StringComparison.Ordinal);
        Assert.Contains("twice", message, StringComparison.Ordinal);
        Assert.Equal("wg list", Assert.IsType<ParseResult.Error>(result).Command?.Key);
    }

    [Fact]
    public void ParseLine_RepeatableOption_CollectsListInOrder()
    {
        var parsed = ParseLine("/profile set --affiliation CERN --affiliation \"ETH Zurich\" --affiliation=Fermilab", "profile set");

        Assert.Equal(["CERN", "ETH Zurich", "Fermilab"], Assert.IsType<List<object>>(parsed.Arguments["affiliation"]));
    }

    [Fact]
    public void ParseLine_RepeatablePositional_CollectsAllWordsAsNumbers()
    {
        var parsed = ParseLine("/credit confirm 12 13 14", "credit confirm");

        Assert.Equal([12L, 13L, 14L], Assert.IsType<List<object>>(parsed.Arguments["ids"]));
    }

    [Fact]
    public void ParseLine_IntegerArgumentNotANumber_IsError()
    {
        var message = Error(TypedTextParser.ParseLine(Catalog, "/credit reject twelve", Console));

        Assert.Contains("whole number", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLine_TooManyPositionalWords_IsErrorSuggestingQuotes()
    {
        var message = Error(TypedTextParser.ParseLine(Catalog, "/wg create jets Jet Tagging", Console));

        Assert.Contains("'Tagging'", message, StringComparison.Ordinal);
        Assert.Contains("quotes", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLine_WordAfterCommandWithoutArguments_IsError()
    {
        var message = Error(TypedTextParser.ParseLine(Catalog, "/collab whoami please", Console));

        Assert.Contains("'please'", message, StringComparison.Ordinal);
    }

    // Mentions and me

    [Fact]
    public void Parse_SlackUserMention_IsTenantIdentity()
    {
        var parsed = ParseSlack("/wg", "add calorimetry <@U024BE7LH>", "wg add");

        var user = Assert.IsType<UserRef>(parsed.Arguments["user"]);
        Assert.Equal($"slack:{Tenant}:U024BE7LH", user.Identity);
        Assert.Null(user.Label);
    }

    [Fact]
    public void Parse_SlackUserMentionWithLabel_IsTenantIdentityWithLabel()
    {
        var parsed = ParseSlack("/wg", "add calorimetry <@U024BE7LH|bob>", "wg add");

        Assert.Equal(new UserRef($"slack:{Tenant}:U024BE7LH", "bob"), parsed.Arguments["user"]);
    }

    [Fact]
    public void Parse_SlackUserMentionAsOptionValue_IsTenantIdentity()
    {
        var parsed = ParseSlack("/wg", "create jets Jets --convener <@W024BE7LH|carol>", "wg create");

        Assert.Equal($"slack:{Tenant}:W024BE7LH", Assert.IsType<UserRef>(parsed.Arguments["convener"]).Identity);
    }

    [Fact]
    public void Parse_SlackPlainAtName_IsErrorAskingForARealMention()
    {
        var message = Error(TypedTextParser.Parse(Catalog, "/wg", "add calorimetry @bob", Slack));

        Assert.Contains("mention", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SlackChannelMention_IsChannelRef()
    {
        var catalog = new CommandCatalog([CommandCatalog.Parse(
            """
            name: post
            description: A command with a channel, for tests
            subcommands:
              - name: to
                description: Post to a channel
                who: anyone
                kind: change
                args:
                  - { name: channel, type: channel, description: Where }
            """,
            "post.yaml")]);

        var parsed = Parsed(TypedTextParser.Parse(catalog, "/post", "to <#C024BE7LR|general>", Slack), "post to");

        Assert.Equal(new ChannelRef("C024BE7LR", "general"), parsed.Arguments["channel"]);
    }

    [Fact]
    public void Parse_SlackChannelMentionInText_BecomesHashName()
    {
        var parsed = ParseSlack("/wg", "create jets Jets --description \"Talk in <#C024BE7LR|general>\"", "wg create");

        Assert.Equal("Talk in #general", parsed.Arguments["description"]);
    }

    [Theory]
    [InlineData("@bob", "console:bob")]
    [InlineData("@Bob.Smith", "console:bob.smith")]
    [InlineData("@slack:T1:U1", "slack:T1:U1")]
    [InlineData("@discord:80351110224678912", "discord:80351110224678912")]
    [InlineData("@console:carol", "console:carol")]
    public void ParseLine_ConsoleAtName_IsIdentity(string mention, string identity)
    {
        var parsed = ParseLine($"/wg add calorimetry {mention}", "wg add");

        Assert.Equal(identity, Assert.IsType<UserRef>(parsed.Arguments["user"]).Identity);
    }

    [Theory]
    [InlineData("@")]
    [InlineData("bob")]
    [InlineData("@slack:nope")]
    [InlineData("@bob!")]
    [InlineData("\"@bob\n\"")]
    [InlineData("\"@console:bob\n\"")]
    public void ParseLine_ConsoleNotAPerson_IsErrorShowingForms(string mention)
    {
        var message = Error(TypedTextParser.ParseLine(Catalog, $"/wg add calorimetry {mention}", Console));

        Assert.Contains("@name", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("me")]
    [InlineData("ME")]
    public void ParseLine_Me_IsCallerIdentity(string me)
    {
        var parsed = ParseLine($"/wg add calorimetry {me}", "wg add");

        Assert.Equal(Console.CallerIdentity, Assert.IsType<UserRef>(parsed.Arguments["user"]).Identity);
    }

    [Fact]
    public void Parse_SlackMe_IsCallerIdentity()
    {
        var parsed = ParseSlack("/profile", "show me", "profile show");

        Assert.Equal(Slack.CallerIdentity, Assert.IsType<UserRef>(parsed.Arguments["user"]).Identity);
    }

    // help

    [Theory]
    [InlineData("/wg help", "wg")]
    [InlineData("/wg HELP", "wg")]
    [InlineData("/wg", "wg")]
    [InlineData("/wg convener help", "wg convener")]
    [InlineData("/wg convener", "wg convener")]
    [InlineData("/meeting talk help", "meeting talk")]
    [InlineData("/wg list help", "wg list")]
    public void ParseLine_HelpInPlaceOfSubcommand_IsHelpOfThatNode(string line, string key) =>
        Assert.Equal(key, Help(TypedTextParser.ParseLine(Catalog, line, Console)).Key);

    [Theory]
    [InlineData("/wg --help", "wg")]
    [InlineData("/wg join --help", "wg join")]
    [InlineData("/wg join calorimetry --help", "wg join")]
    [InlineData("/wg --help join", "wg")]
    [InlineData("/wg convener --help", "wg convener")]
    [InlineData("/wg convener add --HELP calorimetry", "wg convener add")]
    [InlineData("/wg create jets \"unclosed --help", null)]
    [InlineData("/wg nosuch --help", "wg")]
    [InlineData("/collab help --help", "collab help")]
    public void ParseLine_DashDashHelpAnywhere_IsHelpOfDeepestNamedNode(string line, string? key)
    {
        var result = TypedTextParser.ParseLine(Catalog, line, Console);

        if (key is null)
        {
            // Inside an open quote "--help" is text, and the quote error wins.
            Assert.Contains("quote", Error(result), StringComparison.Ordinal);
            return;
        }

        Assert.Equal(key, Help(result).Key);
    }

    [Fact]
    public void Parse_SlackHelpText_IsHelpOfTopCommand() =>
        Assert.Equal("meeting", Help(TypedTextParser.Parse(Catalog, "/meeting", "help", Slack)).Key);

    [Fact]
    public void Parse_SlackEmptyText_IsHelpOfTopCommand() =>
        Assert.Equal("credit", Help(TypedTextParser.Parse(Catalog, "/credit", "", Slack)).Key);

    [Fact]
    public void ParseLine_CollabHelp_IsTheRealSubcommandNotTheHelpKeyword()
    {
        var parsed = ParseLine("/collab help", "collab help");

        Assert.False(parsed.Arguments.Has("command"));
    }

    [Fact]
    public void ParseLine_CollabHelpWithCommand_PassesCommandAsArgument()
    {
        var parsed = ParseLine("/collab help \"wg join\"", "collab help");

        Assert.Equal("wg join", parsed.Arguments["command"]);
    }

    // Unknown words

    [Theory]
    [InlineData("/wgg join calorimetry", "wg")]
    [InlineData("/meating next", "meeting")]
    [InlineData("/credt roles", "credit")]
    public void ParseLine_UnknownCommand_IsErrorWithSuggestion(string line, string suggestion)
    {
        var result = TypedTextParser.ParseLine(Catalog, line, Console);

        var message = Error(result);
        Assert.Contains($"did you mean {suggestion}?", message, StringComparison.Ordinal);
        Assert.Contains("/collab", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLine_WordsWithoutSlash_NameCommandAnyway()
    {
        var parsed = ParseLine("wg join calorimetry", "wg join");

        Assert.Equal("calorimetry", parsed.Arguments["wg"]);
    }

    [Fact]
    public void Parse_UnknownSlackCommand_IsErrorListingCommands()
    {
        var message = Error(TypedTextParser.Parse(Catalog, "/nope", "join x", Slack));

        Assert.Contains("/wg", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/wg jion calorimetry", "join")]
    [InlineData("/wg memebrs calorimetry", "members")]
    [InlineData("/wg convener ad calorimetry @bob", "add")]
    [InlineData("/meeting shedule calorimetry x", "schedule")]
    public void ParseLine_UnknownSubcommand_IsErrorWithSuggestionAndChoices(string line, string suggestion)
    {
        var result = TypedTextParser.ParseLine(Catalog, line, Console);

        var message = Error(result);
        Assert.Contains($"did you mean {suggestion}?", message, StringComparison.Ordinal);
        Assert.Contains("Use one of:", message, StringComparison.Ordinal);
        Assert.NotNull(Assert.IsType<ParseResult.Error>(result).Command);
    }

    [Theory]
    [InlineData("/wg list --knd area", "kind")]
    [InlineData("/wg create jets Jets --clsoed", "closed")]
    [InlineData("/profile set --affilation CERN", "affiliation")]
    public void ParseLine_UnknownOption_IsErrorWithSuggestion(string line, string suggestion)
    {
        var message = Error(TypedTextParser.ParseLine(Catalog, line, Console));

        Assert.Contains($"did you mean {suggestion}?", message, StringComparison.Ordinal);
        Assert.Contains("--" + suggestion, message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLine_OptionOnCommandWithoutOptions_IsErrorSayingSo()
    {
        var message = Error(TypedTextParser.ParseLine(Catalog, "/wg join calorimetry --now", Console));

        Assert.Contains("takes no options", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/wg create jets \"Jet Tagging", "\"")]
    [InlineData("/wg create jets 'Jet Tagging", "'")]
    [InlineData("/wg create jets “Jet Tagging", "”")]
    [InlineData("/wg create jets Jets --description=\"open", "\"")]
    [InlineData("/wg create jets \"Jet \\\"", "\"")]
    public void ParseLine_UnbalancedQuote_IsErrorMentioningTheQuote(string line, string closer)
    {
        var message = Error(TypedTextParser.ParseLine(Catalog, line, Console));

        Assert.Contains("quote", message, StringComparison.Ordinal);
        Assert.Contains("end it with " + closer, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SlackUnbalancedQuote_IsErrorMentioningTheQuote()
    {
        var result = TypedTextParser.Parse(Catalog, "/wg", "create jets \"Jet", Slack);

        Assert.Contains("quote", Error(result), StringComparison.Ordinal);
        Assert.Equal("wg", Assert.IsType<ParseResult.Error>(result).Command?.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ParseLine_Empty_IsErrorListingCommands(string line) =>
        Assert.Contains("/wg", Error(TypedTextParser.ParseLine(Catalog, line, Console)), StringComparison.Ordinal);

    [Fact]
    public void ParseLine_ControlCharacterInAValue_IsLeftToTheBinderWhichRefusesItForEveryPlatform()
    {
        // The parser splits words; InputRules, applied by the binder, decides which characters a value may hold (InputRulesTests).
        var parsed = ParseLine("/wg join calo\u0007rimetry", "wg join");
        var bound = ArgumentBinder.Bind(parsed.Command, parsed.Arguments, typeof(NoArgs));

        var failed = Assert.IsType<ArgumentBinder.Result.Failed>(bound);
        Assert.Contains("<wg> contains a control character (U+0007)", failed.Reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLine_LongerThanMaximum_IsErrorBeforeAnyWork()
    {
        var line = "/wg create jets \"" + new string('x', TypedTextParser.MaxLength) + "\"";

        Assert.Contains("too long", Error(TypedTextParser.ParseLine(Catalog, line, Console)), StringComparison.Ordinal);
    }

    // Slack text

    [Fact]
    public void Parse_SlackEntities_AreUnescaped()
    {
        var parsed = ParseSlack("/wg", "create jets \"R&amp;D &lt;core&gt; jets\"", "wg create");

        Assert.Equal("R&D <core> jets", parsed.Arguments["name"]);
    }

    [Fact]
    public void Parse_SlackEscapedEntityText_IsUnescapedOnce()
    {
        // The user typed "&lt;" literally; Slack sends "&amp;lt;".
        var parsed = ParseSlack("/wg", "create jets \"a &amp;lt; b\"", "wg create");

        Assert.Equal("a &lt; b", parsed.Arguments["name"]);
    }

    [Fact]
    public void ParseLine_ConsoleEntities_AreLeftAsTyped()
    {
        var parsed = ParseLine("/wg create jets \"R&amp;D\"", "wg create");

        Assert.Equal("R&amp;D", parsed.Arguments["name"]);
    }

    [Theory]
    [InlineData("<!here>", "@here")]
    [InlineData("<!channel>", "@channel")]
    [InlineData("<!everyone>", "@everyone")]
    [InlineData("<!here|here>", "@here")]
    [InlineData("<!subteam^S012345|@conveners>", "@conveners")]
    public void Parse_SlackSpecialMentions_BecomeHarmlessWords(string special, string word)
    {
        var parsed = ParseSlack("/wg", $"create jets \"Ping {special} now\"", "wg create");

        var name = Assert.IsType<string>(parsed.Arguments["name"]);
        Assert.Equal($"Ping {word} now", name);
        Assert.DoesNotContain("<!", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SlackSpecialMentionAsWholeWord_BecomesHarmlessWord()
    {
        var parsed = ParseSlack("/wg", "create jets <!channel>", "wg create");

        Assert.Equal("@channel", parsed.Arguments["name"]);
    }

    [Theory]
    [InlineData("<https://zoom.us/j/123|zoom.us/j/123>", "https://zoom.us/j/123")]
    [InlineData("<https://zoom.us/j/123>", "https://zoom.us/j/123")]
    [InlineData("<https://example.org/a?x=1&amp;y=2|example.org/a?x=1&amp;y=2>", "https://example.org/a?x=1&y=2")]
    [InlineData("<https://example.org/a?x=1&amp;y=2>", "https://example.org/a?x=1&y=2")]
    public void Parse_SlackLinkForUrlOption_IsTheUrl(string link, string url)
    {
        var parsed = ParseSlack("/meeting", $"schedule calorimetry Weekly --when \"weekly on tue 15:00\" --link {link}", "meeting schedule");

        Assert.Equal(url, parsed.Arguments["link"]);
        Assert.Equal("weekly on tue 15:00", parsed.Arguments["when"]);
    }

    [Fact]
    public void Parse_SlackLinkInText_BecomesTheUrl()
    {
        var parsed = ParseSlack("/wg", "create jets Jets --description \"See <https://example.org/jets|example.org/jets>\"", "wg create");

        Assert.Equal("See https://example.org/jets", parsed.Arguments["description"]);
    }
}
