using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Credit;

[Command("credit roles")]
public sealed class CreditRoles : CommandHandler<NoArgs>
{
    public override Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var b = new ReplyBuilder("CRediT roles");
        foreach (var role in CreditTaxonomy.Roles)
        {
            b.Line(new Strong(role.Name), new Text($" ({role.Key}): {role.Meaning}"));
        }

        return Task.FromResult(b.Section("Degrees")
            .Line(new Strong("lead"), new Text(": led this part of the work"))
            .Line(new Strong("equal"), new Text(": shared it equally with others (the default)"))
            .Line(new Strong("supporting"), new Text(": helped with it"))
            .Section(null)
            .Line(Line.Of(new Text("Type a role in any case, with spaces, hyphens or underscores, or by a unique beginning; review, draft and admin are short names. Example: "), new Code("/credit add my-paper me data-curation --degree lead")))
            .Build());
    }
}
