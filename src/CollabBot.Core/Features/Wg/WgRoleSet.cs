using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg role set")]
public sealed class WgRoleSet : CommandHandler<WgRoleSet.Args>
{
    public sealed record Args(UserRef User, string Role);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var person = await context.PersonAsync(args.User, cancellationToken);
        var membership = await GroupMembers.ActiveAsync(context, group, person, cancellationToken);
        if (membership is null)
        {
            return Reply.Invalid($"{People.Name(person)} is not a member of {group.Slug}; add them first with /wg add {group.Slug} @user --role {args.Role}.");
        }

        if (membership.Tags.Contains(args.Role))
        {
            return Reply.Message($"{People.Name(person)} already has the role {args.Role} in {group.Slug}.");
        }

        membership.Tags = [.. membership.Tags, args.Role];
        return Reply.Message($"{People.Name(person)} now has the role {args.Role} in {group.Slug}.");
    }
}
