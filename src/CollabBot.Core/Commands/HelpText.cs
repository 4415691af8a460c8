using CollabBot.Core.Replies;

namespace CollabBot.Core.Commands;

/// <summary>Help built from <c>commands/</c>: the overview, a command's subcommands, a subcommand's usage and options.</summary>
public static class HelpText
{
    public static Reply Overview(CommandCatalog catalog)
    {
        var b = new ReplyBuilder("CollabBot commands");
        foreach (var command in catalog.Commands)
        {
            b.Line(new Code("/" + command.Name), new Text(" — " + command.Description));
        }

        b.Line("Type a command followed by help for its subcommands, e.g. /wg help, or add --help to any command.");
        return b.Build();
    }

    public static Reply For(CommandNode node)
    {
        if (!node.IsLeaf)
        {
            var b = new ReplyBuilder("/" + node.Key + " — " + node.Description);
            foreach (var leaf in node.Leaves())
            {
                b.Line(new Code(leaf.Usage), new Text(" — " + leaf.Description + WhoSuffix(leaf.Who)));
            }

            return b.Build();
        }

        var r = new ReplyBuilder("/" + node.Key + " — " + node.Description);
        r.Line(Line.Of(new Text("Usage: "), new Code(node.Usage)));
        r.Line("Who: " + WhoText(node.Who));
        if (node.Args.Count > 0 || node.Options.Count > 0)
        {
            r.Section("Arguments and options");
            foreach (var arg in node.Args)
            {
                r.Line(new Code($"<{arg.Name}>"), new Text(" " + arg.Description + (arg.Required ? "" : " (optional)") + Choices(arg)));
            }

            foreach (var option in node.Options)
            {
                r.Line(new Code("--" + option.Name), new Text(" " + option.Description + (option.Required ? " (required)" : "") + Choices(option)));
            }
        }

        if (node.Options.FirstOrDefault(o => o.Type == OptionType.Attachment) is { } file)
        {
            r.Line(Line.Of(
                new Text($"Sending the file: on Discord, attach it to the {file.Name} option; on Slack, share it in the channel or in a direct message to the bot with "),
                new Code("/" + node.Key + " …"),
                new Text(" as its message; elsewhere give --url, or upload it with the API (docs/api.md).")));
        }

        return r.Build();
    }

    public static string WhoText(Who who) => who switch
    {
        Who.Anyone => "anyone",
        Who.Member => "any member",
        Who.Convener => "a convener of the group, or an admin",
        Who.Admin => "an admin",
        Who.Self => "you, for yourself",
        Who.Owner => "whoever added it, a convener of the group, or an admin",
        Who.Contributor => "members of the groups it names (anyone, naming none)",
        Who.MinuteTaker => "the meeting's minute-taker, a convener of the group, or an admin",
        Who.Addressee => "only the person it asks",
        _ => who.ToString(),
    };

    private static string WhoSuffix(Who who) => who is Who.Convener or Who.Admin or Who.Owner or Who.MinuteTaker or Who.Addressee ? $" ({WhoText(who)})" : "";

    private static string Choices(OptionDefinition option) =>
        option.Choices.Count > 0 ? $" — one of: {string.Join(", ", option.Choices)}" : "";
}
