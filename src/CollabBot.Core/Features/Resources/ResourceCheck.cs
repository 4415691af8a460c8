using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Resources;

/// <summary>
/// One link checked now, in the command (HEAD then GET, bounded); or every link with <c>--all</c>, as a background
/// pass of <see cref="LinkCare"/>, since polite checking of a whole library takes minutes. Broken links are told to
/// their groups' conveners once, as by the weekly pass. The link is asked in the fetch step, before the command's
/// transaction; only its answer is recorded inside it.
/// </summary>
[Command("resource check")]
public sealed class ResourceCheck(LinkChecker checker, LinkCare care) : FetchFirstHandler<ResourceCheck.Args, LinkProbe>
{
    public sealed record Args(bool All);

    public override async Task<Fetched<LinkProbe>> FetchAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var r = context.OptionalRef<Resource>();
        if (args.All == (r is not null))
        {
            return Reply.Invalid("Name one resource (/resource check #42) or check them all with /resource check --all.", context.Usage);
        }

        if (r is null)
        {
            var count = await context.Db.Resources.CountAsync(x => x.RetiredAt == null, cancellationToken);
            return care.StartAll()
                ? Reply.Message($"Checking all {count} links now, one request per site per second; broken ones will be posted in their groups' channels for the conveners. /resource list --broken shows them as they are found.")
                : Reply.Message("A link check is already running; /resource list --broken shows what it has found so far.");
        }

        return await checker.ProbeAsync(r.Url, cancellationToken);
    }

    public override async Task<Reply> HandleAsync(Args args, LinkProbe fetched, CommandContext context, CancellationToken cancellationToken)
    {
        var r = context.Ref<Resource>();
        var report = await checker.RecordAsync(context.Db, r.Id, fetched, cancellationToken);
        await context.Db.SaveChangesAsync(cancellationToken);
        await LinkCare.NotifyAsync(context.Db, context.Outbox, report, cancellationToken);
        var link = await context.Db.ResourceLinks.AsNoTracking().FirstAsync(l => l.ResourceId == r.Id, cancellationToken);
        var state = ResourceInfo.LinkState(link);
        return report.Working == 1
            ? Reply.Message($"{r.Ref} ({r.Title}): the link works" + (link.LastStatus is { } s ? $" (HTTP {s})." : "."))
            : Reply.Message($"{r.Ref} ({r.Title}): {(link.IsBroken ? state : $"the check failed ({link.LastError}); it is marked broken if the next check fails too")}.");
    }
}
