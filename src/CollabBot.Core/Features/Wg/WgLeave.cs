using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg leave")]
public sealed class WgLeave : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var membership = await GroupMembers.ActiveAsync(context, group, context.Caller, cancellationToken);
        if (membership is null)
        {
            return Reply.Invalid($"You are not a member of {group.Slug}, so there is nothing to leave.");
        }

        if (membership.Role == MemberRole.Convener && await GroupMembers.ConvenerCountAsync(context, group, cancellationToken) <= 1)
        {
            return Reply.Refused($"You are the last convener of {group.Slug}, so you cannot leave: appoint another convener first with /wg convener add {group.Slug} @user.");
        }

        membership.EndedAt = context.Now;
        return Reply.Message($"You have left {group.Slug}. /wg join {group.Slug} brings you back.");
    }
}
