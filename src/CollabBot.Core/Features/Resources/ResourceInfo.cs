using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Resources;

[Command("resource info")]
public sealed class ResourceInfo : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var r = context.Ref<Resource>();
        var b = new ReplyBuilder($"{r.Ref}: {r.Title}")
            .Field("Kind", ResourceLines.Details(r));
        if (r.Audience is { } audience)
        {
            b.Field("For", ResourceTerms.Name(audience));
        }

        if (r.Authors.Count > 0)
        {
            b.Field("Authors", r.Authors.Count > 6 ? string.Join(", ", r.Authors.Take(5)) + $" and {r.Authors.Count - 5} more" : string.Join(", ", r.Authors));
        }

        b.Field("Topics", r.Topics.Count == 0 ? "none" : string.Join(", ", r.Topics))
            .Field("Groups", ResourceLines.Groups(r))
            .Field("Link", Line.Of(new Link(r.Url, r.Url)));
        if (r.ArxivId is not null)
        {
            b.Field("arXiv", Line.Of(new Link(ResourceKeys.ArxivUrl(r.ArxivId), r.ArxivId)));
        }

        if (r.Doi is not null)
        {
            b.Field("DOI", Line.Of(new Link(ResourceKeys.DoiUrl(r.Doi), r.Doi)));
        }

        if (r.InspireId is not null)
        {
            b.Field("INSPIRE", Line.Of(new Link($"https://inspirehep.net/literature/{r.InspireId}", r.InspireId)));
        }

        if (r.Licence is not null)
        {
            b.Field("Licence", r.Licence);
        }

        b.Field("Link state", LinkState(r.Link));
        b.Field("Added", $"{r.AddedAt.UtcDateTime:yyyy-MM-dd}" + (r.AddedBy is { } by ? $" by {People.Name(by)}" : ""));
        if (r.RetiredAt is { } retired)
        {
            b.Field("Retired", $"{retired.UtcDateTime:yyyy-MM-dd}: not shown in searches or lists");
        }

        var stars = await context.Db.ResourceStars.CountAsync(s => s.ResourceId == r.Id && s.UnstarredAt == null, cancellationToken);
        b.Field("On reading lists", stars.ToString(CultureInfo.InvariantCulture));
        var page = context.Options.Link($"/resources/{r.Id.ToString(CultureInfo.InvariantCulture)}");
        b.Field("Page", Line.Of(new Link(page, page)));
        if (r.Description is not null)
        {
            b.Section(null).Line(r.Description);
        }

        b.Line(Line.Of(new Code($"/resource star {r.Ref}"), new Text(" puts it on your reading list.")));
        return b.Build();
    }

    public static string LinkState(ResourceLink? link) => link switch
    {
        null or { CheckedAt: null } => "not checked yet",
        { BrokenSince: { } since } => $"broken since {since.UtcDateTime:yyyy-MM-dd}" + (link.LastStatus is { } s ? $" (HTTP {s})" : link.LastError is { } e ? $" ({e})" : ""),
        { LastOkAt: { } ok } => $"working, last seen {ok.UtcDateTime:yyyy-MM-dd}",
        _ => $"failed its last check on {link.CheckedAt.Value.UtcDateTime:yyyy-MM-dd}; checked again next week",
    };
}
