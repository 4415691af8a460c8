using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg convener remove")]
public sealed class WgConvenerRemove : CommandHandler<WgConvenerRemove.Args>
{
    public sealed record Args(UserRef User);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var person = await context.PersonAsync(args.User, cancellationToken);
        var membership = await GroupMembers.ActiveAsync(context, group, person, cancellationToken);
        if (membership?.Role != MemberRole.Convener)
        {
            var conveners = await GroupMembers.ConvenerNamesAsync(context, group, cancellationToken);
            return Reply.Invalid($"{People.Name(person)} is not a convener of {group.Slug}. Its conveners are: {(conveners.Count > 0 ? string.Join(", ", conveners) : "none")}.");
        }

        if (await GroupMembers.ConvenerCountAsync(context, group, cancellationToken) <= 1)
        {
            return Reply.Refused($"{People.Name(person)} is the last convener of {group.Slug}; a group never goes without a convener. Appoint another first with /wg convener add {group.Slug} @user.");
        }

        membership.Role = MemberRole.Member;
        return Reply.Message($"{People.Name(person)} is no longer a convener of {group.Slug}; they stay a member.");
    }
}
