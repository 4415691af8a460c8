using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg role clear")]
public sealed class WgRoleClear : CommandHandler<WgRoleClear.Args>
{
    public sealed record Args(UserRef User, string Role);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var person = await context.PersonAsync(args.User, cancellationToken);
        var membership = await GroupMembers.ActiveAsync(context, group, person, cancellationToken);
        if (membership is null || !membership.Tags.Contains(args.Role))
        {
            var has = membership is null || membership.Tags.Count == 0 ? "no roles" : "the roles " + string.Join(", ", membership.Tags);
            return Reply.Invalid($"{People.Name(person)} does not have the role {args.Role} in {group.Slug} (they have {has}).");
        }

        membership.Tags = [.. membership.Tags.Where(t => t != args.Role)];
        return Reply.Message($"{People.Name(person)} no longer has the role {args.Role} in {group.Slug}.");
    }
}
