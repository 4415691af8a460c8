using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg remove")]
public sealed class WgRemove : CommandHandler<WgRemove.Args>
{
    public sealed record Args(UserRef User);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var person = await context.PersonAsync(args.User, cancellationToken);
        var membership = await GroupMembers.ActiveAsync(context, group, person, cancellationToken);
        if (membership is null)
        {
            return Reply.Invalid($"{People.Name(person)} is not a member of {group.Slug}. /wg members {group.Slug} lists them.");
        }

        if (membership.Role == MemberRole.Convener)
        {
            if (await GroupMembers.ConvenerCountAsync(context, group, cancellationToken) <= 1)
            {
                return Reply.Refused($"{People.Name(person)} is the last convener of {group.Slug}; a group never goes without a convener. Appoint another first with /wg convener add {group.Slug} @user.");
            }

            if (!context.IsAdmin)
            {
                return Reply.Refused($"{People.Name(person)} is a convener of {group.Slug}; only an admin can remove a convener (/wg convener remove).");
            }
        }

        membership.EndedAt = context.Now;
        return Reply.Message($"Removed {People.Name(person)} from {group.Slug}. Their past membership stays on record.");
    }
}
