using System.Reflection;
using CollabBot.Core.Commands;

namespace CollabBot.Core.Tests.Commands;

/// <summary>
/// STYLE.md's convention test: a command without a handler, a handler without a command, an argument without an
/// option, or a command without help fails here, not in front of a user.
/// </summary>
public sealed class ConventionTests
{
    /// <summary>
    /// Commands of features not built yet. Remove a key when its handler lands; the tests below fail both when a
    /// listed command gets a handler and when an unlisted one has none.
    /// </summary>
    private static readonly HashSet<string> KnownMissing = new(StringComparer.Ordinal)
    {
    };

    private static readonly CommandCatalog Catalog = CommandCatalog.Default;
    private static readonly Assembly Core = typeof(CoreServices).Assembly;

    /// <summary>Every type carrying [Command], whether or not the registry would pick it up.</summary>
    private static readonly (Type Type, string Key)[] Attributed =
        [.. Core.GetTypes().Select(t => (Type: t, Attr: t.GetCustomAttribute<CommandAttribute>())).Where(x => x.Attr is not null).Select(x => (x.Type, x.Attr!.Key))];

    public static TheoryData<string> LeafKeys => [.. Catalog.Leaves.Select(l => l.Key)];

    public static TheoryData<string> NodeKeys => [.. Catalog.Commands.SelectMany(Descendants).Select(n => n.Key)];

    public static TheoryData<string> HandlerKeys => [.. Attributed.Select(a => a.Key)];

    [Theory]
    [MemberData(nameof(LeafKeys))]
    public void LeafCommand_NotKnownMissing_HasExactlyOneHandler(string key)
    {
        if (KnownMissing.Contains(key))
        {
            Assert.Skip($"/{key} belongs to a feature not built yet (KnownMissing).");
        }

        var handlers = Attributed.Where(a => a.Key == key).Select(a => a.Type.Name).ToList();
        Assert.True(handlers.Count == 1, $"/{key} has {handlers.Count} handlers ({string.Join(", ", handlers)}); it needs exactly one [Command(\"{key}\")].");
        Assert.NotNull(Registry().Find(key));
    }

    [Fact]
    public void KnownMissing_EveryKey_IsALeafCommandStillWithoutHandler()
    {
        foreach (var key in KnownMissing)
        {
            var node = Catalog.Find(key);
            Assert.True(node is { IsLeaf: true }, $"KnownMissing lists '{key}', which is not a leaf command in commands/.");
            Assert.True(Attributed.All(a => a.Key != key), $"/{key} now has a handler: remove it from KnownMissing.");
        }
    }

    [Fact]
    public void KnownMissing_IsExactlyTheUnhandledLeaves()
    {
        var unhandled = Catalog.Leaves.Select(l => l.Key).Where(k => Attributed.All(a => a.Key != k)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(KnownMissing.Order(StringComparer.Ordinal), unhandled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HandlerRegistry_CoreAssembly_BuildsWithoutDuplicateKeys()
    {
        var duplicates = Attributed.GroupBy(a => a.Key).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(a => a.Type.Name))}");
        Assert.Empty(duplicates);
        Assert.Equal(Attributed.Length, Registry().Handlers.Count);
    }

    [Theory]
    [MemberData(nameof(HandlerKeys))]
    public void Handler_Key_NamesALeafCommand(string key)
    {
        var node = Catalog.Find(key);

        Assert.True(node is not null, $"[Command(\"{key}\")] names no command in commands/.");
        Assert.True(node.IsLeaf, $"[Command(\"{key}\")] names a group, not a subcommand.");
        Assert.Equal(key, node.Key);
    }

    [Theory]
    [MemberData(nameof(HandlerKeys))]
    public void Handler_Type_IsASealedCommandHandlerTheRegistryFinds(string key)
    {
        var type = Attributed.Single(a => a.Key == key).Type;

        Assert.True(type is { IsClass: true, IsAbstract: false, IsSealed: true }, $"{type.Name} must be a sealed class.");
        Assert.NotNull(ArgsType(type));
        Assert.Same(type, Registry().Find(key));
    }

    [Theory]
    [MemberData(nameof(HandlerKeys))]
    public void HandlerArgs_EveryParameter_MapsToAnOptionOrArgument(string key)
    {
        var node = Catalog.Find(key)!;
        foreach (var parameter in Parameters(key))
        {
            var name = ArgumentBinder.OptionName(parameter.Name!);
            Assert.True(node.AllOptions.Any(o => o.Name == name), $"{ArgsType(HandlerType(key))?.FullName}.{parameter.Name} → '{name}' is no argument or option of /{key}.");
        }
    }

    [Theory]
    [MemberData(nameof(HandlerKeys))]
    public void HandlerArgs_EveryOptionButPublicAndReferences_HasAParameter(string key)
    {
        var node = Catalog.Find(key)!;
        var names = Parameters(key).Select(p => ArgumentBinder.OptionName(p.Name!)).ToHashSet(StringComparer.Ordinal);

        // --public is the dispatcher's (commands.md, "Replies"), and so are references, which reach the handler resolved
        // (CommandContext.Ref); every other option a user gives must reach the handler.
        var ignored = node.AllOptions.Where(o => o.Name != "public" && References.For(o.Type) is null && !names.Contains(o.Name)).Select(o => o.UsageToken);
        Assert.Empty(ignored);
    }

    [Theory]
    [MemberData(nameof(HandlerKeys))]
    public void HandlerArgs_NoReferenceAsAParameter_TheDispatcherResolvesAndChecksThem(string key)
    {
        var node = Catalog.Find(key)!;

        // A handler that took a slug or an id would look it up, and check permissions, a second time.
        var references = Parameters(key).Select(p => node.AllOptions.Single(o => o.Name == ArgumentBinder.OptionName(p.Name!)))
            .Where(o => References.For(o.Type) is not null).Select(o => o.UsageToken);
        Assert.Empty(references);
    }

    public static TheoryData<string> ReferenceTypes => [.. Enum.GetNames<OptionType>()];

    [Theory]
    [MemberData(nameof(ReferenceTypes))]
    public void OptionType_UsedAsAReferenceOrAValue_HasAResolverExactlyWhenItNamesAThing(string name)
    {
        var type = Enum.Parse<OptionType>(name);
        OptionType[] values = [OptionType.String, OptionType.Integer, OptionType.Number, OptionType.Flag, OptionType.User, OptionType.Channel, OptionType.Date, OptionType.DateTime,
            OptionType.TimeZone, OptionType.Durations, OptionType.Url, OptionType.Orcid, OptionType.Role, OptionType.CreditRole, OptionType.Speaker, OptionType.Slug, OptionType.Attachment];

        // Every type that names a thing in the database resolves through the dispatcher; a new one fails here until it has a resolver.
        Assert.True(values.Contains(type) == (References.For(type) is null), $"{type}: {(values.Contains(type) ? "a value type with a resolver" : "a reference type without a ReferenceResolver")}");
    }

    [Theory]
    [MemberData(nameof(LeafKeys))]
    public void MemberAndOwnerCommands_NameWhatTheyActOn(string key)
    {
        var node = Catalog.Find(key)!;
        if (node.Who is not (Who.Member or Who.Owner or Who.Manager))
        {
            return;
        }

        // Membership and ownership are of something: without a required reference the dispatcher could check neither.
        Assert.True(node.Args.Any(a => a.Required && References.For(a.Type) is not null), $"/{key} is who: {node.Who.ToString().ToLowerInvariant()} but names no group or thing of one.");
    }

    [Theory]
    [MemberData(nameof(LeafKeys))]
    public void SelfCommands_NameNobodyElse(string key)
    {
        var node = Catalog.Find(key)!;
        if (node.Who != Who.Self)
        {
            return;
        }

        // "You, for yourself": a self command that took a person or a group could act on someone else's behalf.
        Assert.All(node.AllOptions, o => Assert.False(o.Type is OptionType.User || References.For(o.Type) is not null, $"/{key} is who: self but takes {o.UsageToken}."));
    }

    [Theory]
    [MemberData(nameof(HandlerKeys))]
    public void HandlerArgs_EveryParameterType_FitsItsOptionType(string key)
    {
        var node = Catalog.Find(key)!;
        var nullability = new NullabilityInfoContext();
        foreach (var parameter in Parameters(key))
        {
            var option = node.AllOptions.Single(o => o.Name == ArgumentBinder.OptionName(parameter.Name!));
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            Type[] allowed = option.Repeatable
                ? [option.IsWholeNumber ? typeof(IReadOnlyList<long>) : typeof(IReadOnlyList<string>)]
                : option.IsWholeNumber ? [typeof(long), typeof(int)] : option.Type switch
                {
                    OptionType.Flag => [typeof(bool)],
                    OptionType.Number => [typeof(double)],
                    OptionType.User => [typeof(UserRef)],
                    OptionType.Channel => [typeof(ChannelRef)],
                    OptionType.Speaker => [typeof(object), typeof(string)],
                    OptionType.CreditRole => [typeof(CollabBot.Core.Domain.CreditRole)],
                    OptionType.Attachment => [typeof(CollabBot.Core.Downloads.IncomingFile)],
                    _ => [typeof(string)],
                };
            Assert.True(allowed.Contains(type), $"/{key} {option.UsageToken}: {parameter.Name} is {type.Name}; expected {string.Join(" or ", allowed.Select(t => t.Name))}.");

            var nullable = Nullable.GetUnderlyingType(parameter.ParameterType) is not null
                || (!parameter.ParameterType.IsValueType && nullability.Create(parameter).WriteState == NullabilityState.Nullable);
            if (option.Required)
            {
                Assert.False(nullable, $"/{key}: {parameter.Name} is required, so it should not be nullable.");
            }
            else if (option.Type != OptionType.Flag && !option.Repeatable && !parameter.HasDefaultValue)
            {
                Assert.True(nullable, $"/{key}: {parameter.Name} is optional, so it must be nullable (or have a default).");
            }
        }
    }

    [Theory]
    [MemberData(nameof(LeafKeys))]
    public void LeafCommand_ArgumentAndOptionNames_AreUnique(string key)
    {
        var names = Catalog.Find(key)!.AllOptions.Select(o => o.Name).ToList();

        Assert.Equal(names.Distinct(StringComparer.OrdinalIgnoreCase).Count(), names.Count);
    }

    [Theory]
    [MemberData(nameof(LeafKeys))]
    public void LeafCommand_RepeatableArgument_IsTheLast(string key)
    {
        var args = Catalog.Find(key)!.Args;

        // A repeatable argument takes the rest of the words; nothing after it could ever be filled.
        Assert.All(args.Take(args.Count - 1), a => Assert.False(a.Repeatable, $"/{key} <{a.Name}> is repeatable but not last."));
    }

    [Theory]
    [MemberData(nameof(NodeKeys))]
    public void Command_Description_IsOneTo100Characters(string key)
    {
        var node = Catalog.Find(key)!;

        Assert.InRange(node.Description.Trim().Length, 1, 100);
        foreach (var option in node.AllOptions)
        {
            Assert.True(option.Description.Trim().Length is >= 1 and <= 100, $"/{key} {option.UsageToken}: description has {option.Description.Length} characters.");
        }
    }

    [Theory]
    [MemberData(nameof(NodeKeys))]
    public void HelpText_EveryNode_ShowsItsUsage(string key)
    {
        var node = Catalog.Find(key)!;

        var help = HelpText.For(node);

        Assert.False(help.IsError);
        var text = help.Plain;
        Assert.Contains("/" + node.Key, text, StringComparison.Ordinal);
        Assert.Contains(node.Description, text, StringComparison.Ordinal);
        if (node.IsLeaf)
        {
            Assert.Contains("Usage: " + node.Usage, text, StringComparison.Ordinal);
            Assert.All(node.AllOptions, o => Assert.Contains(o.Name, text, StringComparison.Ordinal));
        }
        else
        {
            // A group's help is the usage line of every subcommand beneath it.
            Assert.All(node.Leaves(), leaf => Assert.Contains(leaf.Usage, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void HelpOverview_ListsEveryTopLevelCommand()
    {
        var text = HelpText.Overview(Catalog).Plain;

        Assert.Equal(["wg", "meeting", "topic", "credit", "dataset", "challenge", "resource", "profile", "collab"], Catalog.Commands.Select(c => c.Name));
        Assert.All(Catalog.Commands, c => Assert.Contains("/" + c.Name + " — " + c.Description, text, StringComparison.Ordinal));
    }

    private static readonly ReferenceResolvers References = new([Core]);

    private static HandlerRegistry Registry() => new([Core]);

    private static Type HandlerType(string key) => Attributed.Single(a => a.Key == key).Type;

    private static ParameterInfo[] Parameters(string key)
    {
        var args = ArgsType(HandlerType(key));
        Assert.NotNull(args);
        if (args == typeof(NoArgs))
        {
            return [];
        }

        var ctors = args.GetConstructors();
        Assert.True(ctors.Length > 0, $"{args.FullName} has no public constructor.");
        return ctors.MaxBy(c => c.GetParameters().Length)!.GetParameters();
    }

    private static Type? ArgsType(Type handler)
    {
        for (var t = handler; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(CommandHandler<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static IEnumerable<CommandNode> Descendants(CommandNode node) => node.Children.SelectMany(Descendants).Prepend(node);
}
