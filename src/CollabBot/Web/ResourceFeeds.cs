using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Resources.Formats;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Web;

/// <summary><c>GET /resources.atom</c> and <c>GET /wg/&lt;slug&gt;/resources.atom</c>: Atom feeds (RFC 4287) of new resources, overall and per group.</summary>
public static class ResourceFeeds
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static void MapResourceFeeds(this WebApplication app)
    {
        app.MapGet("/resources.atom", (CollabBotDbContext db, IOptions<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken) =>
            FeedAsync(db, bot.Value, clock, null, cancellationToken));
        app.MapGet("/wg/{slug}/resources.atom", (string slug, CollabBotDbContext db, IOptions<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken) =>
            FeedAsync(db, bot.Value, clock, slug.ToLowerInvariant(), cancellationToken));
    }

    private static async Task<IResult> FeedAsync(CollabBotDbContext db, BotOptions bot, TimeProvider clock, string? slug, CancellationToken cancellationToken)
    {
        var query = db.Resources.AsNoTracking().Include(r => r.Groups).ThenInclude(g => g.Group).Where(r => r.RetiredAt == null);
        Core.Domain.WorkingGroup? group = null;
        if (slug is not null)
        {
            group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == slug, cancellationToken);
            if (group is null)
            {
                var slugs = await db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken);
                return Results.Text($"There is no working group '{(slug.Length > 40 ? slug[..40] + "…" : slug)}'{Suggest.DidYouMean(slug, slugs)}.", statusCode: 404);
            }

            var id = group.Id;
            query = query.Where(r => r.Groups.Any(g => g.GroupId == id));
        }

        var newest = await query.OrderByDescending(r => r.Id).Take(ResourceFeed.MaxEntries).ToListAsync(cancellationToken);
        return Results.Text(ResourceFeed.Atom(newest, group, bot, clock.GetUtcNow()), ContentType);
    }
}
