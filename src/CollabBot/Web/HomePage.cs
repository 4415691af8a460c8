using System.Text;
using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static CollabBot.Web.Dashboard;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary><c>GET /</c>: every active group as a card, under its kind, the next meetings across groups, and how to start using the bot.</summary>
public static class HomePage
{
    public const int NextMeetings = 5;

    public static async Task<IResult> RenderAsync(CollabBotDbContext db, IOptions<ConsoleOptions> console, IOptions<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking()
            .Where(g => !g.IsArchived)
            .OrderBy(g => g.Slug)
            .Select(g => new
            {
                g.Slug,
                g.Name,
                g.Kind,
                g.Description,
                g.IsOpen,
                Conveners = g.Memberships.Where(m => m.EndedAt == null && m.Role == MemberRole.Convener).Select(m => m.Person.DisplayName).ToList(),
                Members = g.Memberships.Count(m => m.EndedAt == null),
            })
            .ToListAsync(cancellationToken);

        var sb = new StringBuilder();
        sb.Append("<h1>Working groups</h1>");
        sb.Append("<p class=\"lead\">The collaboration's working groups, organised around a dataset, a problem or an area. Each is led by its conveners.</p>");
        sb.Append(HowToUse(console.Value.Enabled));
        sb.Append(await NextMeetingsAsync(db, bot.Value, clock.GetUtcNow(), cancellationToken));
        sb.Append("<p>The groups' benchmark datasets — versions, how to cite them, open issues — are on the <a href=\"/datasets\">datasets page</a>.</p>");
        if (groups.Count == 0)
        {
            sb.Append("<p>No working groups yet. An admin can create one with <code>/wg create</code>.</p>");
        }

        foreach (var kind in Enum.GetValues<GroupKind>())
        {
            var ofKind = groups.Where(g => g.Kind == kind).ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }

            sb.Append($"<section aria-labelledby=\"{KindAnchor(kind)}\"><h2 id=\"{KindAnchor(kind)}\">{KindHeading(kind)}</h2><ul class=\"cards\">");
            foreach (var g in ofKind)
            {
                var conveners = g.Conveners.Count > 0 ? string.Join(", ", g.Conveners.Order(StringComparer.CurrentCulture)) : "none yet";
                sb.Append($"<li class=\"card\" id=\"{E(CardAnchor(g.Slug))}\">")
                    .Append($"<h3><a href=\"/wg/{E(g.Slug)}\">{E(g.Name)}</a></h3>")
                    .Append($"<p class=\"meta\"><code>{E(g.Slug)}</code> · {g.Members} member{(g.Members == 1 ? "" : "s")} · {(g.IsOpen ? "open" : "closed")}</p>")
                    .Append($"<p>{E(Summary(g.Description))}</p>")
                    .Append($"<p class=\"meta\">Conveners: {E(conveners)}</p>")
                    .Append($"<p class=\"more\"><a href=\"/wg/{E(g.Slug)}\" aria-label=\"Members and how to join {E(g.Name)}\">Members and how to join →</a></p>")
                    .Append("</li>");
            }

            sb.Append("</ul></section>");
        }

        return Page("Working groups", sb.ToString());
    }

    /// <summary>The next few meetings of any group (cancelled dates left out), and where to see them all or subscribe.</summary>
    private static async Task<string> NextMeetingsAsync(CollabBotDbContext db, BotOptions bot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var series = await MeetingViews.ActiveSeries(db).Where(s => s.EndedAt == null || s.EndedAt > now).ToListAsync(cancellationToken);
        var next = series.SelectMany(s => Occurrences.Next(s, now, NextMeetings))
            .OrderBy(o => o.Start).ThenBy(o => o.Series.Group.Name)
            .Take(NextMeetings)
            .ToList();

        var sb = new StringBuilder("<section aria-labelledby=\"next-meetings\"><h2 id=\"next-meetings\">Next meetings</h2>");
        if (next.Count == 0)
        {
            sb.Append("<p>No meetings scheduled yet. A convener schedules one with <code>/meeting schedule &lt;wg&gt; \"Title\" --when \"monthly on 2nd tue 15:00\"</code>.</p>");
        }
        else
        {
            sb.Append("<ol class=\"meetings compact\">");
            foreach (var o in next)
            {
                sb.Append("<li class=\"meeting\">")
                    .Append($"<p><strong>{E(o.Series.Title)}</strong> · <a href=\"/wg/{E(o.Series.Group.Slug)}\">{E(o.Series.Group.Name)}</a></p>")
                    .Append("<p class=\"when\">").Append(MeetingViews.When(o)).Append(MeetingViews.Marks(o)).Append("</p>")
                    .Append("</li>");
            }

            sb.Append("</ol>");
        }

        sb.Append("<p class=\"more\"><a href=\"/meetings\">All upcoming meetings</a> · <a href=\"/calendar.ics\">Subscribe to every group's meetings</a> ")
            .Append($"(<a href=\"{E(MeetingViews.Webcal(bot, "/calendar.ics"))}\">webcal link</a>)</p>");
        return sb.Append("</section>").ToString();
    }

    /// <summary>The three ways in, for someone who has just found the dashboard.</summary>
    private static string HowToUse(bool consoleEnabled)
    {
        var console = consoleEnabled
            ? "<li><strong>Here in the browser:</strong> the <a href=\"/console\">console</a> runs any command as a demo person, e.g. <code>console:amara</code>.</li>"
            : "<li><strong>In the browser:</strong> the web console is off on this server; set <code>Console:Enabled</code> to true to turn it on.</li>";
        return $"""
            <section class="howto" aria-labelledby="how-to-use"><h2 id="how-to-use">How to use</h2>
            <ul>
            <li><strong>In Slack or Discord:</strong> type <code>/collab help</code> for every command, and <code>/wg join &lt;group&gt;</code> to join a group below.</li>
            {console}
            <li><strong>From a terminal:</strong> <code>dotnet run --project src/CollabBot -- say "/wg list" --as console:amara</code> runs one command and prints the reply.</li>
            </ul></section>
            """;
    }

    private static string Summary(string description) => description.Length <= 220 ? description : description[..217].TrimEnd() + "…";
}
