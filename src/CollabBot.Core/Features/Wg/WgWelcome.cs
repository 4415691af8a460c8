using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;

namespace CollabBot.Core.Features.Wg;

[Command("wg welcome")]
public sealed class WgWelcome : CommandHandler<WgWelcome.Args>
{
    public sealed record Args(string Text);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var text = args.Text.Trim();
        if (text.Length is 0 or > Newcomers.MaxWelcome)
        {
            return Reply.Invalid($"A welcome is 1 to {Newcomers.MaxWelcome} characters; this one has {text.Length}.", context.Usage);
        }

        group.Welcome = text;
        var preview = await Newcomers.ForGroupAsync(context.Db, context.Options, group, context.Caller.TimeZone, context.Now, cancellationToken);
        var steps = (await new ResourceLibrary(context.Db).StartHereAsync(group.Id, cancellationToken)).Count;
        var b = new ReplyBuilder($"Newcomers to {group.Slug} will be welcomed like this")
            .Line(steps == 0
                ? Line.Of(new Text("There is no start-here path yet: "), new Code($"/resource starter {group.Slug} #N #N …"), new Text(" sets one."))
                : Line.Of(new Text($"With the start-here path of {steps} step{(steps == 1 ? "" : "s")}; "), new Code($"/resource starter {group.Slug}"), new Text(" changes it.")));
        foreach (var section in preview.Sections)
        {
            b.Section(section.Heading ?? preview.Title);
            b.Lines(section.Lines);
        }

        return b.Build();
    }
}
