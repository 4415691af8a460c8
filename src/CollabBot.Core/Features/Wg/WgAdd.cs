using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg add")]
public sealed class WgAdd : CommandHandler<WgAdd.Args>
{
    public sealed record Args(UserRef User, string? Role);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var person = await context.PersonAsync(args.User, cancellationToken);
        var existing = await GroupMembers.ActiveAsync(context, group, person, cancellationToken);
        if (existing is not null)
        {
            if (args.Role is not null && !existing.Tags.Contains(args.Role))
            {
                existing.Tags = [.. existing.Tags, args.Role];
                return Reply.Message(Line.Of(GroupMembers.Mention(args.User, person), new Text($" was already a member of {group.Slug}; they now have the role {args.Role}.")));
            }

            return Reply.Message(Line.Of(GroupMembers.Mention(args.User, person), new Text($" is already a member of {group.Slug}.")));
        }

        await GroupMembers.JoinAsync(context, group, person, MemberRole.Member, args.Role is null ? [] : [args.Role], cancellationToken);
        await Newcomers.WelcomeAsync(context, group, person, $"{People.Name(context.Caller)} added you to {group.Slug}.", cancellationToken);
        return Reply.Message(Line.Of(new Text("Added "), GroupMembers.Mention(args.User, person), new Text($" to {group.Slug}{(args.Role is null ? "" : $" with the role {args.Role}")}.")));
    }
}
