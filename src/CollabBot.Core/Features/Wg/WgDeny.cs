using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg deny")]
public sealed class WgDeny : CommandHandler<WgDeny.Args>
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

        request.Status = JoinRequestStatus.Denied;
        request.DecidedAt = context.Now;
        request.DecidedByPersonId = context.Caller.Id;
        await context.Outbox.ToPersonAsync(person, Reply.Message($"Your request to join {group.Name} ({group.Slug}) was not approved. You can ask its conveners why: /wg info {group.Slug}."), cancellationToken);
        return Reply.Message($"Denied {People.Name(person)}'s request to join {group.Slug}. The request stays on record.");
    }
}
