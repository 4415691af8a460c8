using System.Text;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CsCheck;

namespace CollabBot.Core.Tests.Parsing;

/// <summary>
/// Whatever a user types, the parser answers with Parsed, Help or an Error sentence, and what it parses binds
/// to the handler's arguments or fails with a reply; it never throws. Iteration counts keep the class to a few seconds.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly CommandCatalog Catalog = CommandCatalog.Default;
    private static readonly HandlerRegistry Registry = new([typeof(CoreServices).Assembly]);

    private static readonly ParseContext[] Contexts =
    [
        new(Platform.Console, "local", "console:alice"),
        new(Platform.Slack, "T0001", "slack:T0001:U0001"),
        new(Platform.Discord, "123456789012345678", "discord:80351110224678912"),
    ];

    private static readonly Gen<ParseContext> AnyContext = Gen.OneOf(Contexts);

    /// <summary>Characters that matter to the tokenizer and to Slack text, plus the hostile ones.</summary>
    private const string Awkward =
        "\"'“”‘’„«»\\<>|@#!&;=-/:^ \t\n\r\v\f\0\a\b\u001b\u007f\u0085\u00a0\u2028\u2029" +
        "\u200f\u200e\u202e\u202a\u2066\u2069\u200b\ufeff\u0301\ud800\udbff\udc00\udfff" +
        "aAzZ09٣１é漢😀";

    private static readonly Gen<string> FullUnicode = Gen.Char[char.MinValue, char.MaxValue].Array[0, 120].Select(a => new string(a));

    private static readonly Gen<string> AwkwardText = Gen.Char[Awkward].Array[0, 60].Select(a => new string(a));

    /// <summary>Every word of the command tree, every option as --name and --name=value, and values of every type.</summary>
    private static readonly string[] Vocabulary = BuildVocabulary();

    private static readonly Gen<string> Token = Gen.Frequency(
        (8, Gen.OneOf(Vocabulary)),
        (2, AwkwardText),
        (1, FullUnicode),
        (1, Gen.String),
        (1, Gen.OneOf("\"", "'", "“", "‘", "„", "«", "\"open", "'open", "close\"", "--x=\"open", "\\\"", "\"a\\\"")));

    private static readonly Gen<string> Separator = Gen.OneOf(" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "");

    private static readonly Gen<string> Tokens = Gen.Select(Token, Separator).Array[0, 14]
        .Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)));

    /// <summary>A real leaf (or group) path followed by random tokens: most lines get past the command words.</summary>
    private static readonly Gen<string> CommandLikeText = Gen.Select(
        Gen.OneOf([.. AllNodes().Select(n => string.Join(' ', n.Path.Skip(1)))]),
        Tokens,
        (path, rest) => path + " " + rest);

    private static readonly Gen<string> CommandLikeLine = Gen.Select(
        Gen.OneOf([.. Catalog.Commands.Select(c => "/" + c.Name)]),
        CommandLikeText,
        (top, text) => top + " " + text);

    private static readonly CommandNode[] Leaves = [.. Catalog.Leaves];

    /// <summary>
    /// A leaf with a value for each argument and some of its options, each value drawn from a pool for its type
    /// (valid, borderline and wrong), sometimes with junk tokens mixed in: lines that reach the binder's conversions.
    /// </summary>
    private static readonly Gen<string> TypedLine = Gen.Select(
        Gen.Int[0, Leaves.Length - 1],
        Gen.Int[0, int.MaxValue].Array[24],
        Gen.Frequency((4, Gen.Const("")), (1, AwkwardText), (1, FullUnicode)),
        (leaf, dice, junk) => BuildTypedLine(Leaves[leaf], dice, junk));

    [Fact]
    public void ParseLine_TypedValuesForEveryLeaf_NeverThrowAndBind() =>
        Gen.Select(TypedLine, AnyContext)
            .Sample((line, context) => Check(TypedTextParser.ParseLine(Catalog, line, context), context), iter: 5000);

    [Fact]
    public void ParseLine_RandomStrings_NeverThrowAndAnswerWellFormed() =>
        Gen.Select(Gen.Frequency((1, Gen.String), (1, FullUnicode), (1, AwkwardText)), AnyContext)
            .Sample((line, context) => Check(TypedTextParser.ParseLine(Catalog, line, context), context), iter: 10000);

    [Fact]
    public void ParseLine_SlashAndRandomText_NeverThrowsAndAnswersWellFormed() =>
        Gen.Select(Gen.OneOf([.. Catalog.Commands.Select(c => "/" + c.Name)]), Gen.Frequency((1, FullUnicode), (1, AwkwardText), (1, Gen.String)), AnyContext)
            .Sample((top, text, context) => Check(TypedTextParser.ParseLine(Catalog, top + " " + text, context), context), iter: 10000);

    [Fact]
    public void ParseLine_RealCommandWordsMixedWithRandomTokens_NeverThrowsAndBinds() =>
        Gen.Select(CommandLikeLine, AnyContext)
            .Sample((line, context) => Check(TypedTextParser.ParseLine(Catalog, line, context), context), iter: 10000);

    [Fact]
    public void Parse_SlackCommandWithRandomText_NeverThrowsAndBinds() =>
        Gen.Select(Gen.OneOf([.. Catalog.Commands.Select(c => "/" + c.Name), "/nope", "", "wg", "/WG"]), Gen.Frequency((4, CommandLikeText), (1, Tokens), (1, FullUnicode)), AnyContext)
            .Sample((command, text, context) => Check(TypedTextParser.Parse(Catalog, command, text, context), context), iter: 10000);

    [Fact]
    public void ParseLine_UnbalancedQuotes_AreErrorsMentioningTheQuote() =>
        Gen.Select(CommandLikeLine, Gen.OneOf("\"", "'", "“", "‘"), Gen.String[0, 20], AnyContext)
            .Sample((line, quote, tail, context) =>
            {
                // An opening quote at the start of the last word, with no closer of any kind after it.
                var clean = tail.Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)
                    .Replace("”", "", StringComparison.Ordinal).Replace("“", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal)
                    .Replace("\\", "", StringComparison.Ordinal);
                var result = TypedTextParser.ParseLine(Catalog, "/wg create jets " + quote + clean, context);
                var error = Assert.IsType<ParseResult.Error>(result);
                Assert.True(error.Message.Contains("quote", StringComparison.Ordinal) || error.Message.Contains("control character", StringComparison.Ordinal), error.Message);
                Check(TypedTextParser.ParseLine(Catalog, line + " " + quote + clean, context), context);
            }, iter: 2000);

    [Fact]
    public void ParseLine_VeryLongLines_AreAnsweredQuickly()
    {
        var gen = Gen.Select(
            Gen.Frequency((2, Gen.Int[1_000, TypedTextParser.MaxLength]), (1, Gen.Int[TypedTextParser.MaxLength, 110_000])),
            Gen.OneOf("x", " ", "\"", "'", "<", "<@U1|", "&amp;", "--kind ", "a b ", "\u202e", "\ud800", "😀", "<!here>"),
            AnyContext);
        gen.Sample((length, unit, context) =>
        {
            var sb = new StringBuilder("/wg create jets ", length + 16);
            while (sb.Length < length)
            {
                sb.Append(unit);
            }

            Check(TypedTextParser.ParseLine(Catalog, sb.ToString(), context), context);
            Check(TypedTextParser.Parse(Catalog, "/meeting", sb.ToString(), context), context);
        }, iter: 150);
    }

    [Fact]
    public void ParseLine_HundredKilobytes_IsTooLongError()
    {
        var line = "/wg join " + new string('a', 100_000);

        var error = Assert.IsType<ParseResult.Error>(TypedTextParser.ParseLine(Catalog, line, Contexts[0]));

        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseLine_NullLine_IsError() =>
        Assert.IsType<ParseResult.Error>(TypedTextParser.ParseLine(Catalog, null, Contexts[0]));

    [Fact]
    public void FuzzLines_EveryHandledCommand_IsBoundAtLeastOnce()
    {
        // Guards the fuzz itself: if the generator stopped producing parseable lines, the binder would go untested.
        var reached = new HashSet<string>(StringComparer.Ordinal);
        Gen.Select(Gen.Frequency((3, TypedLine), (1, CommandLikeLine)), AnyContext).Sample((line, context) =>
        {
            if (TypedTextParser.ParseLine(Catalog, line, context) is ParseResult.Parsed p
                && Registry.Find(p.Command.Key) is { } handler
                && ArgumentBinder.Bind(p.Command, p.Arguments, ArgsType(handler)) is ArgumentBinder.Result.Bound)
            {
                lock (reached)
                {
                    reached.Add(p.Command.Key);
                }
            }
        }, iter: 5000);

        var handled = Catalog.Leaves.Select(l => l.Key).Where(k => Registry.Find(k) is not null).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(handled, reached);
    }

    private static void Check(ParseResult result, ParseContext context)
    {
        switch (result)
        {
            case ParseResult.Parsed parsed:
                Assert.True(parsed.Command.IsLeaf, $"parsed to a group: /{parsed.Command.Key}");
                Assert.Same(Catalog.Find(parsed.Command.Key), parsed.Command);
                foreach (var (name, value) in parsed.Arguments.Values)
                {
                    Assert.Contains(parsed.Command.AllOptions, o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
                    AssertBagValue(value);
                }

                Bind(parsed, context);
                break;
            case ParseResult.Help help:
                Assert.Same(Catalog.Find(help.Command.Key), help.Command);
                break;
            case ParseResult.Error error:
                Assert.False(string.IsNullOrWhiteSpace(error.Message), "an error without a message");
                break;
            default:
                Assert.Fail($"unexpected result {result?.GetType().Name ?? "null"}");
                break;
        }
    }

    private static void AssertBagValue(object value)
    {
        if (value is List<object> list)
        {
            Assert.NotEmpty(list);
            Assert.All(list, item => Assert.IsNotType<List<object>>(item));
            list.ForEach(AssertBagValue);
            return;
        }

        Assert.True(value is string or long or double or bool or UserRef or ChannelRef, $"unexpected value type {value.GetType().Name}");
    }

    private static void Bind(ParseResult.Parsed parsed, ParseContext context)
    {
        if (Registry.Find(parsed.Command.Key) is not { } handler)
        {
            return; // a command of a feature not built yet (ConventionTests lists them)
        }

        var result = ArgumentBinder.Bind(parsed.Command, parsed.Arguments, ArgsType(handler));
        switch (result)
        {
            case ArgumentBinder.Result.Bound bound:
                Assert.IsType(ArgsType(handler), bound.Args);
                break;
            case ArgumentBinder.Result.Failed failed:
                Assert.True(failed.Reply.IsError, $"{context.Platform}: a failed bind with an OK reply");
                Assert.False(string.IsNullOrWhiteSpace(failed.Reply.Plain));
                break;
            default:
                Assert.Fail($"unexpected bind result {result?.GetType().Name ?? "null"}");
                break;
        }
    }

    internal static Type ArgsType(Type handler)
    {
        for (var t = handler; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(CommandHandler<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        throw new InvalidOperationException($"{handler.Name} does not derive from CommandHandler<TArgs>");
    }

    private static string BuildTypedLine(CommandNode leaf, int[] dice, string junk)
    {
        var next = 0;
        int Roll(int n) => dice[next++ % dice.Length] % n;
        string Pick(IReadOnlyList<string> pool) => pool[Roll(pool.Count)];

        var words = new List<string> { "/" + leaf.Key };
        foreach (var arg in leaf.Args)
        {
            if (!arg.Required && Roll(3) == 0)
            {
                continue;
            }

            words.Add(Pick(ValuesFor(arg)));
            if (arg.Repeatable)
            {
                for (var extra = Roll(3); extra > 0; extra--)
                {
                    words.Add(Pick(ValuesFor(arg)));
                }
            }
        }

        foreach (var option in leaf.Options)
        {
            if (!option.Required && Roll(2) == 0)
            {
                continue;
            }

            var value = Pick(ValuesFor(option));
            words.Insert(1 + Roll(words.Count), option.Type == OptionType.Flag && Roll(2) == 0
                ? "--" + option.Name
                : Roll(2) == 0 ? $"--{option.Name} {value}" : $"--{option.Name}={value}");
        }

        if (junk.Length > 0)
        {
            words.Insert(1 + Roll(words.Count), junk);
        }

        return string.Join(' ', words);
    }

    private static IReadOnlyList<string> ValuesFor(OptionDefinition option)
    {
        if (option.Choices.Count > 0)
        {
            return [.. option.Choices, option.Choices[0].ToUpperInvariant(), "nope", "\"\""];
        }

        return option.Type switch
        {
            OptionType.Flag => ["true", "false", "no", "maybe"],
            OptionType.Integer => ["12", "-3", "#12", "0", "2147483648", "99999999999999999999", "twelve", "1.5"],
            OptionType.Number => ["1.5", "-0", "1e308", "1e309", "NaN", "Infinity", "x"],
            OptionType.User => ["me", "@bob", "@Bob.Smith", "@slack:T1:U1", "<@U024BE7LH>", "<@U024BE7LH|bob>", "<@80351110224678912>", "bob", "@", "\"@bob\n\""],
            OptionType.Speaker => ["me", "@bob", "<@U024BE7LH|bob>", "\"Ada Lovelace\"", "Ada", "<!here>"],
            OptionType.Channel => ["<#C024BE7LR|general>", "<#C1>", "#general", "general"],
            OptionType.Wg or OptionType.Project or OptionType.Dataset => ["calorimetry", "CALORIMETRY", "fast-simulation", "nope", "\"\"", "\" \"", new string('w', 150), "#12", "wg/series"],
            OptionType.Slug => ["jets", "Jets", "j", "jet--tagging", "jets-", "1jets", "\"jets\n\"", new string('j', 41)],
            OptionType.TimeZone => ["Europe/Zurich", "europe/zurich", "UTC", "Mars/Olympus", "\"W. Europe Standard Time\"", "Europe/Zurch", new string('z', 300)],
            OptionType.Date => ["2026-12-01", "2026-02-30", "01.12.2026", "today"],
            OptionType.DateTime => ["\"2026-12-01 15:00\"", "\"2026-12-01 25:00\"", "2026-12-01", "\"2026-12-01T15:00\""],
            OptionType.Durations => ["1d,15m", "2d", "1h30m", "0m", "\"1d, 1h\"", "٣h", "1d,,1h", "soon"],
            OptionType.Url => ["https://zoom.us/j/1", "<https://zoom.us/j/1|zoom.us/j/1>", "<https://example.org/?a=1&amp;b=2>", "ftp://x", "zoom.us", "\"https://x y\""],
            OptionType.Orcid => ["0000-0002-1825-0097", "https://orcid.org/0000-0002-1694-233X", "0000-0002-1825-0098", "٠٠٠٠-٠٠٠٢-١٨٢٥-٠٠٩٧", "orcid"],
            OptionType.Role => ["dataset-team", "Software-Team", "liaison:atlas", "liaison:", "LIAISON:CMS", "chair"],
            OptionType.CreditRole => ["software", "data curation", "\"Data Curation\"", "writing-r", "review", "nope"],
            _ => ["x", "\"Jet Tagging\"", "'O\\'Brien'", "\"R&amp;D &lt;core&gt;\"", "\"Ping <!here>\"", "\"\"", "\"" + new string('s', 4100) + "\"", "“quoted”"],
        };
    }

    private static IEnumerable<CommandNode> AllNodes() => Catalog.Commands.SelectMany(Descendants);

    private static IEnumerable<CommandNode> Descendants(CommandNode node) => node.Children.SelectMany(c => Descendants(c).Prepend(c));

    private static string[] BuildVocabulary()
    {
        var words = new HashSet<string>(StringComparer.Ordinal)
        {
            "help", "--help", "HELP", "me", "--", "-", "=", "--=", "---", "--=x",
            "@bob", "@Bob.Smith", "@slack:T1:U1", "@discord:80351110224678912", "@", "@slack:", "#general",
            "<@U024BE7LH>", "<@U024BE7LH|bob>", "<@W1>", "<@80351110224678912>", "<#C024BE7LR|general>", "<#C1>",
            "<!here>", "<!channel>", "<!everyone>", "<!subteam^S1|@team>", "<https://example.org|example.org>",
            "<https://example.org/?a=1&amp;b=2>", "<mailto:a@b.org|a@b.org>", "&amp;", "&lt;", "&gt;", "<", ">",
            "calorimetry", "fast-simulation", "jets", "Jets", "\"Jet Tagging\"", "'O\\'Brien'", "O'Brien", "“Quoted”",
            "12", "-3", "#12", "0", "99999999999999999999", "1.5", "NaN", "true", "false",
            "2026-12-01", "2026-02-30", "\"2026-12-01 15:00\"", "15:00", "Europe/Zurich", "europe/zurich", "Mars/Olympus", "W. Europe Standard Time",
            "1d,15m", "2d", "0m", "٣h", "0000-0002-1825-0097", "0000-0002-1825-0098", "https://orcid.org/0000-0002-1694-233X",
            "dataset-team", "liaison:atlas", "liaison:", "https://zoom.us/j/1", "ftp://x", "area", "problem", "lead", "bibtex",
        };
        foreach (var node in AllNodes())
        {
            words.Add(node.Name);
            foreach (var option in node.AllOptions)
            {
                words.Add("--" + option.Name);
                words.Add("--" + option.Name + "=");
                words.Add("--" + option.Name + "=x");
                words.Add("--" + option.Name + "=\"a b\"");
                words.Add("--" + option.Name + "=false");
                foreach (var choice in option.Choices)
                {
                    words.Add(choice);
                }
            }
        }

        return [.. words.Order(StringComparer.Ordinal)];
    }
}
