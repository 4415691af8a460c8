using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg approve")]
public sealed class WgApprove : CommandHandler<WgApprove.Args>
{
    public sealed record Args(UserRef User);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var person = await context.PersonAsync(args.User, cancellationToken);
        var request = await JoinRequests.PendingAsync(context, group, person, cancellationToken);
        if (request is null)
        {
            return await JoinRequests.NoneAsync(context, group, person, cancellationToken);
        }

        request.Status = JoinRequestStatus.Approved;
        request.DecidedAt = context.Now;
        request.DecidedByPersonId = context.Caller.Id;
        if (await GroupMembers.ActiveAsync(context, group, person, cancellationToken) is not null)
        {
            // Added by a convener meanwhile: joining again would reset the role and tags they were given since.
            return Reply.Message(Line.Of(new Text("Approved: "), GroupMembers.Mention(args.User, person), new Text($" was already a member of {group.Slug}; their role and tags stay as they are.")));
        }

        await GroupMembers.JoinAsync(context, group, person, MemberRole.Member, [], cancellationToken);
        await Newcomers.WelcomeAsync(context, group, person, $"Your request to join {group.Slug} was approved.", cancellationToken);
        return Reply.Message(Line.Of(new Text("Approved: "), GroupMembers.Mention(args.User, person), new Text($" is now a member of {group.Slug}.")));
    }
}
