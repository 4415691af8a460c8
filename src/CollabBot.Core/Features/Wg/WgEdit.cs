using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg edit")]
public sealed class WgEdit : CommandHandler<WgEdit.Args>
{
    public sealed record Args(string? Name, string? Description, string? Kind, string? Tz, bool Open, bool Closed);

    public override Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        if (args.Open && args.Closed)
        {
            return Task.FromResult(Reply.Invalid("Give either --open or --closed, not both.", context.Usage));
        }

        if (args is { Name: null, Description: null, Kind: null, Tz: null, Open: false, Closed: false })
        {
            return Task.FromResult(Reply.Invalid("Nothing to change: give at least one of --name, --description, --kind, --tz, --open or --closed.", context.Usage));
        }

        if (args.Name is not null && args.Name.Trim().Length is 0 or > 200)
        {
            return Task.FromResult(Reply.Invalid("The group's name must be 1 to 200 characters.", context.Usage));
        }

        var changes = new List<Line>();
        void Change(string label, string before, string after, Action apply)
        {
            if (before == after)
            {
                return;
            }

            apply();
            changes.Add(Line.Of(new Text($"{label}: "), new Text(before.Length == 0 ? "(empty)" : before), new Text(" → "), new Text(after)));
        }

        if (args.Name is not null)
        {
            Change("Name", group.Name, args.Name.Trim(), () => group.Name = args.Name.Trim());
        }

        if (args.Description is not null)
        {
            Change("Description", group.Description, args.Description.Trim(), () => group.Description = args.Description.Trim());
        }

        if (args.Kind is not null)
        {
            var kind = Enum.Parse<GroupKind>(args.Kind, ignoreCase: true);
            Change("Kind", GroupMembers.KindName(group.Kind), GroupMembers.KindName(kind), () => group.Kind = kind);
        }

        if (args.Tz is not null)
        {
            Change("Time zone", group.TimeZone, args.Tz, () => group.TimeZone = args.Tz);
        }

        if (args.Open || args.Closed)
        {
            Change("Membership", group.IsOpen ? "open" : "closed", args.Open ? "open" : "closed", () => group.IsOpen = args.Open);
        }

        if (changes.Count == 0)
        {
            return Task.FromResult(Reply.Message($"{group.Slug} already has those values; nothing changed."));
        }

        return Task.FromResult(new ReplyBuilder($"Updated {group.Slug}").Lines(changes).Build());
    }
}
