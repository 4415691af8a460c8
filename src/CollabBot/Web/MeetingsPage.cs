using System.Text;
using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Meetings;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary>
/// <c>GET /meetings</c>: every group's meetings in the next 30 days, in each group's zone and in UTC, filtered by
/// <c>?wg=</c> and <c>?kind=</c>; <c>?tz=Area/City</c> adds the reader's own time. A filter that names no group or
/// no time zone gets a sentence saying so, and the form to try again.
/// </summary>
public static class MeetingsPage
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static async Task<IResult> RenderAsync(string? wg, string? kind, string? tz, CollabBotDbContext db, IOptions<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var groups = await db.Groups.AsNoTracking().Where(g => !g.IsArchived).OrderBy(g => g.Name).Select(g => new { g.Slug, g.Name }).ToListAsync(cancellationToken);
        var kinds = await MeetingViews.ActiveSeries(db).Select(s => s.Kind).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);

        wg = Blank(wg)?.ToLowerInvariant();
        kind = Blank(kind)?.ToLowerInvariant();
        var readerZone = Zones.Canonical(Blank(tz));
        string? problem = null;
        var status = 200;
        if (wg is not null && groups.All(g => g.Slug != wg))
        {
            var all = await db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken);
            problem = all.Contains(wg)
                ? $"The working group {wg} is archived and holds no meetings."
                : $"There is no working group '{Clip(wg)}'{Suggest.DidYouMean(wg, all)}.";
            status = all.Contains(wg) ? 200 : 404;
        }
        else if (Blank(tz) is { } typed && readerZone is null)
        {
            problem = $"'{Clip(typed)}' is not a time zone I know. Use an IANA id such as Europe/Zurich, America/Chicago or UTC{Suggest.DidYouMean(typed, Zones.All)}.";
            status = 400;
        }

        var query = MeetingViews.ActiveSeries(db);
        if (wg is not null)
        {
            query = query.Where(s => s.Group.Slug == wg);
        }

        if (kind is not null)
        {
            query = query.Where(s => s.Kind == kind);
        }

        var series = await query.ToListAsync(cancellationToken);
        var occurrences = series.SelectMany(s => Occurrences.Between(s, now, now + Window, includeCancelled: true))
            .OrderBy(o => o.Start).ThenBy(o => o.Series.Group.Name).ToList();
        var meetings = await MeetingViews.WithAgendasAsync(db, occurrences, cancellationToken);

        var sb = new StringBuilder("<h1>Upcoming meetings</h1>");
        sb.Append("<p class=\"lead\">Every working group's meetings in the next 30 days. Each time is given in the group's own time zone and in UTC; choose your time zone to see it too.</p>");
        sb.Append(Filters(groups.Select(g => (g.Slug, g.Name)), kinds, wg, kind, readerZone ?? Blank(tz)));
        if (problem is not null)
        {
            sb.Append("<p class=\"problem\" role=\"alert\">").Append(E(problem)).Append("</p>");
        }

        if (status == 404)
        {
            // Nothing to list for a group that does not exist; the sentence and the form say what to do.
            return Page("Upcoming meetings", sb.ToString(), status);
        }

        var scope = wg is null ? "" : " of " + (groups.FirstOrDefault(g => g.Slug == wg)?.Name ?? wg);
        sb.Append("<section aria-labelledby=\"upcoming\"><h2 id=\"upcoming\">Next 30 days").Append(E(scope)).Append(kind is null ? "" : $" ({E(Clip(kind))})").Append("</h2>");
        if (meetings.Count == 0)
        {
            sb.Append("<p>No meetings").Append(kind is null ? "" : $" of kind {E(Clip(kind))}").Append(" in the next 30 days").Append(E(scope)).Append('.');
            if (kinds.Count > 0 && kind is not null && !kinds.Contains(kind))
            {
                sb.Append(" Kinds in use: ").Append(E(string.Join(", ", kinds))).Append('.');
            }

            sb.Append(" A convener schedules one with <code>/meeting schedule &lt;wg&gt; \"Title\" --when \"monthly on 2nd tue 15:00\"</code>.</p>");
        }
        else
        {
            sb.Append("<ol class=\"meetings\">");
            foreach (var m in meetings)
            {
                var s = m.Series;
                sb.Append(m.Occurrence.Cancelled ? "<li class=\"meeting cancelled\">" : "<li class=\"meeting\">")
                    .Append($"<h3><a href=\"/wg/{E(s.Group.Slug)}#{E(MeetingViews.SeriesAnchor(s))}\">{E(s.Title)}</a></h3>")
                    .Append("<p class=\"when\">").Append(MeetingViews.When(m.Occurrence, readerZone)).Append(MeetingViews.Marks(m.Occurrence)).Append("</p>")
                    .Append($"<p class=\"meta\"><a href=\"/wg/{E(s.Group.Slug)}\">{E(s.Group.Name)}</a>").Append(MeetingViews.Facts(s)).Append("</p>");
                if (!m.Occurrence.Cancelled && m.Agenda.Count > 0)
                {
                    sb.Append(MeetingViews.Agenda(m));
                }

                sb.Append("</li>");
            }

            sb.Append("</ol>");
        }

        sb.Append("</section>");
        var feed = wg is not null && groups.Any(g => g.Slug == wg) ? $"/calendar/{wg}.ics" : "/calendar.ics";
        sb.Append("<p class=\"subscribe\">In your calendar app: <a href=\"").Append(E(feed)).Append("\">Subscribe</a> to ")
            .Append(feed == "/calendar.ics" ? "every group's meetings" : "this group's meetings")
            .Append(" (<a href=\"").Append(E(MeetingViews.Webcal(bot.Value, feed))).Append("\">webcal link</a>): cancellations and moves then update by themselves.</p>");
        return Page("Upcoming meetings", sb.ToString(), status);
    }

    /// <summary>A small GET form: group, kind, and the reader's time zone (any IANA id; the list only suggests).</summary>
    private static string Filters(IEnumerable<(string Slug, string Name)> groups, IReadOnlyList<string> kinds, string? wg, string? kind, string? tz)
    {
        static string Selected(bool yes) => yes ? " selected" : "";
        var sb = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"/meetings\" aria-label=\"Filter meetings\">");
        sb.Append("<p><label for=\"f-wg\">Group</label> <select id=\"f-wg\" name=\"wg\"><option value=\"\">All groups</option>");
        foreach (var (slug, name) in groups)
        {
            sb.Append($"<option value=\"{E(slug)}\"{Selected(slug == wg)}>{E(name)}</option>");
        }

        sb.Append("</select></p><p><label for=\"f-kind\">Kind</label> <select id=\"f-kind\" name=\"kind\"><option value=\"\">All kinds</option>");
        foreach (var k in kinds)
        {
            sb.Append($"<option value=\"{E(k)}\"{Selected(k == kind)}>{E(k)}</option>");
        }

        sb.Append("</select></p>");
        sb.Append($"<p><label for=\"f-tz\">Your time zone</label> <input id=\"f-tz\" name=\"tz\" list=\"zones\" value=\"{E(tz is null ? "" : Clip(tz))}\" placeholder=\"e.g. America/Chicago\" autocomplete=\"off\" spellcheck=\"false\"></p>");
        sb.Append("<datalist id=\"zones\">");
        foreach (var zone in Zones.All.Order(StringComparer.Ordinal))
        {
            sb.Append($"<option value=\"{E(zone)}\"></option>");
        }

        return sb.Append("</datalist><p><button type=\"submit\">Show</button></p></form>").ToString();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Clip(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
