using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg convener add")]
public sealed class WgConvenerAdd : CommandHandler<WgConvenerAdd.Args>
{
    public sealed record Args(UserRef User);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var person = await context.PersonAsync(args.User, cancellationToken);
        var membership = await GroupMembers.ActiveAsync(context, group, person, cancellationToken);
        if (membership?.Role == MemberRole.Convener)
        {
            return Reply.Message($"{People.Name(person)} is already a convener of {group.Slug}.");
        }

        if (membership is null)
        {
            await GroupMembers.JoinAsync(context, group, person, MemberRole.Convener, [], cancellationToken);
        }
        else
        {
            membership.Role = MemberRole.Convener;
        }

        return Reply.Message(Line.Of(GroupMembers.Mention(args.User, person), new Text($" is now a convener of {group.Slug}.")));
    }
}
