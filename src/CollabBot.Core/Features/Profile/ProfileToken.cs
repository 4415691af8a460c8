using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Profile;

/// <summary>
/// <c>/profile token</c> issues a personal API token for the <c>/api/v1</c> write endpoints, shown once in a reply only
/// the caller sees; <c>/profile token --revoke</c> revokes it. A new token revokes the previous one.
/// </summary>
[Command("profile token")]
public sealed class ProfileToken : CommandHandler<ProfileToken.Args>
{
    public sealed record Args(bool Revoke);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        if (args.Revoke)
        {
            var count = await ApiTokens.RevokeAsync(context.Db, context.Caller, context.Now, cancellationToken);
            return count == 0
                ? Reply.Message("You have no API token to revoke. /profile token issues one.")
                : Reply.Message("Your API token is revoked: requests that send it are refused from now on. /profile token issues a new one.");
        }

        var (token, revoked) = await ApiTokens.IssueAsync(context.Db, context.Caller, context.CallerIdentity, context.Now, cancellationToken);
        var b = new ReplyBuilder("Your API token")
            .Line(Line.Of(new Code(token)))
            .Line("This is the only time it is shown: copy it now. CollabBot keeps only its SHA-256, so it cannot show it again.")
            .Line(Line.Of(new Text("Send it as "), new Code("Authorization: Bearer <token>"), new Text(" to the /api/v1 endpoints that change things (see docs/api.md). Keep it to yourself; "), new Code("/profile token --revoke"), new Text(" revokes it.")));
        if (revoked > 0)
        {
            b.Line("Your previous token is revoked.");
        }

        return b.Build().AsPublic(false);
    }
}
