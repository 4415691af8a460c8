using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

[Command("wg create")]
public sealed class WgCreate : CommandHandler<WgCreate.Args>
{
    public sealed record Args(string Slug, string Name, string? Kind, string? Description, string? Tz, bool Closed, UserRef? Convener);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        if (await context.Db.Groups.AnyAsync(g => g.Slug == args.Slug, cancellationToken))
        {
            return Reply.Invalid($"A working group '{args.Slug}' already exists. Pick another slug, or see it with /wg info {args.Slug}.");
        }

        var name = args.Name.Trim();
        if (name.Length is 0 or > 200)
        {
            return Reply.Invalid("The group's name must be 1 to 200 characters.", context.Usage);
        }

        var group = new WorkingGroup
        {
            Slug = args.Slug,
            Name = name,
            Kind = args.Kind is null ? GroupKind.Problem : Enum.Parse<GroupKind>(args.Kind, ignoreCase: true),
            Description = args.Description?.Trim() ?? "",
            TimeZone = args.Tz ?? "UTC",
            IsOpen = !args.Closed,
            CreatedAt = context.Now,
        };
        context.Db.Groups.Add(group);

        var b = new ReplyBuilder($"Created {group.Slug}")
            .Line($"{group.Name}: {(group.Kind == GroupKind.Area ? "an" : "a")} {GroupMembers.KindName(group.Kind)} group, {(group.IsOpen ? "open" : "closed")}, time zone {group.TimeZone}.");
        if (args.Convener is not null)
        {
            var person = await context.PersonAsync(args.Convener, cancellationToken);
            await GroupMembers.JoinAsync(context, group, person, MemberRole.Convener, [], cancellationToken);
            b.Line(Line.Of(new Text("Convener: "), GroupMembers.Mention(args.Convener, person)));
        }
        else
        {
            b.Line($"It has no convener yet: appoint one with /wg convener add {group.Slug} @user.");
        }

        return b.Build();
    }
}
