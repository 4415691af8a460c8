using System.Text;
using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Meeting;
using CollabBot.Core.Meetings;
using CollabBot.Core.Values;
using CollabBot.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static CollabBot.Web.Dashboard;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary><c>GET /wg/{slug}</c>: one group's conveners, members with roles and tags, linked channels, meetings with agendas, and how to join.</summary>
public static class GroupPage
{
    /// <summary>How many dates of each series the page shows.</summary>
    public const int DatesPerSeries = 3;

    public static async Task<IResult> RenderAsync(
        string slug, CollabBotDbContext db, IOptions<ConsoleOptions> console, IOptions<DashboardOptions> dashboard, IOptions<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking()
            .Include(g => g.Memberships.Where(m => m.EndedAt == null)).ThenInclude(m => m.Person)
            .Include(g => g.ChannelLinks.Where(c => c.UnlinkedAt == null))
            .FirstOrDefaultAsync(g => g.Slug == slug.ToLowerInvariant(), cancellationToken);
        if (group is null)
        {
            return await NotFoundAsync(slug, db, cancellationToken);
        }

        var members = group.Memberships.OrderByDescending(m => m.Role).ThenBy(m => m.Person.DisplayName, StringComparer.CurrentCulture).ToList();
        var conveners = members.Where(m => m.Role == MemberRole.Convener).ToList();

        var sb = new StringBuilder();
        sb.Append($"<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/\">Working groups</a> › <a href=\"/#{KindAnchor(group.Kind)}\">{KindHeading(group.Kind)}</a> › {E(group.Slug)}</nav>");
        sb.Append($"<h1>{E(group.Name)}</h1>");
        sb.Append($"<p class=\"meta\"><code>{E(group.Slug)}</code> · {KindHeading(group.Kind).TrimEnd('s')} · {(group.IsOpen ? "open: anyone may join" : "closed: joining needs a convener's approval")} · time zone {E(group.TimeZone)}{(group.IsArchived ? " · <strong>archived</strong>" : "")}</p>");
        sb.Append($"<p class=\"lead\">{E(group.Description)}</p>");
        sb.Append(JoinBox(group, conveners, console.Value.Enabled));

        sb.Append("<section aria-labelledby=\"conveners\"><h2 id=\"conveners\">Conveners</h2>");
        if (conveners.Count == 0)
        {
            sb.Append($"<p>None yet. An admin appoints one with <code>/wg convener add {E(group.Slug)} @user</code>.</p>");
        }
        else
        {
            sb.Append("<ul>");
            foreach (var m in conveners)
            {
                sb.Append($"<li>{PersonHtml(m.Person)}</li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("</section>");
        sb.Append(MembersSection(group.Slug, members, dashboard.Value.ShowMembers));
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.GroupId == group.Id)
            .OrderBy(p => p.Slug)
            .Select(p => new
            {
                p.Slug,
                p.Title,
                p.Kind,
                Authors = p.Contributions.Where(c => c.Status == ContributionStatus.Confirmed).Select(c => c.PersonId).Distinct().Count(),
            })
            .ToListAsync(cancellationToken);
        sb.Append("<section aria-labelledby=\"projects\"><h2 id=\"projects\">Projects</h2>");
        if (projects.Count == 0)
        {
            sb.Append("<p>No projects yet. A convener creates one with <code>/credit project create ").Append(E(group.Slug)).Append(" &lt;slug&gt; \"&lt;title&gt;\"</code>.</p>");
        }
        else
        {
            sb.Append("<ul>");
            foreach (var p in projects)
            {
                sb.Append($"<li><a href=\"/projects/{E(p.Slug)}\">{E(p.Title)}</a> <span class=\"meta\">(<code>{E(p.Slug)}</code>, {E(p.Kind.ToString().ToLowerInvariant())}, {p.Authors} author{(p.Authors == 1 ? "" : "s")})</span></li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("</section>");
        sb.Append("<section aria-labelledby=\"channels\"><h2 id=\"channels\">Linked channels</h2>");
        if (group.ChannelLinks.Count == 0)
        {
            sb.Append("<p>No channels linked yet. A convener links one with <code>/wg link ").Append(E(group.Slug)).Append("</code> in that channel.</p>");
        }
        else
        {
            sb.Append("<ul>");
            foreach (var c in group.ChannelLinks.OrderBy(c => c.Platform).ThenBy(c => c.ChannelName))
            {
                sb.Append($"<li>{E(PlatformName(c.Platform))}: #{E(c.ChannelName ?? c.ChannelId)}</li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("</section>");
        sb.Append(await MeetingsAsync(group, db, bot.Value, clock.GetUtcNow(), cancellationToken));
        sb.Append(await DatasetsAsync(db, group, cancellationToken));
        sb.Append($"<p class=\"back\"><a href=\"/#{E(CardAnchor(group.Slug))}\">← All working groups</a></p>");
        return Page($"{group.Name} · Working groups", sb.ToString());
    }

    /// <summary>Each series with its schedule and its next dates (cancelled and moved ones marked) and their agendas; the feed to subscribe to.</summary>
    private static async Task<string> MeetingsAsync(WorkingGroup group, CollabBotDbContext db, BotOptions bot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var series = await db.MeetingSeries.AsNoTracking().Include(s => s.Changes)
            .Where(s => s.GroupId == group.Id)
            .OrderBy(s => s.EndedAt != null).ThenBy(s => s.Title).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        series.ForEach(s => s.Group = group);

        // An archived group holds no meetings (no reminders, nothing in the feeds); its series stay listed for the record.
        var upcoming = group.IsArchived ? [] : series.SelectMany(s => Occurrences.Next(s, now, DatesPerSeries, includeCancelled: true)).ToList();
        var dated = (await MeetingViews.WithAgendasAsync(db, upcoming, cancellationToken)).ToLookup(m => m.Series.Id);

        var feed = $"/calendar/{group.Slug}.ics";
        var sb = new StringBuilder("<section aria-labelledby=\"meetings\"><h2 id=\"meetings\">Meetings</h2>");
        if (group.IsArchived)
        {
            sb.Append("<p>This group is archived and holds no meetings.</p>");
        }
        else
        {
            sb.Append($"<p class=\"subscribe\"><a href=\"{E(feed)}\" aria-label=\"Subscribe to the meetings of {E(group.Name)} (iCalendar feed)\">Subscribe</a> to this group's meetings in your calendar app, ")
                .Append($"or open <a href=\"{E(MeetingViews.Webcal(bot, feed))}\">the webcal link</a>: cancellations and moves then update by themselves.</p>");
        }

        if (series.Count == 0 && !group.IsArchived)
        {
            sb.Append($"<p>No meetings scheduled yet. A convener schedules one with <code>/meeting schedule {E(group.Slug)} \"Title\" --when \"monthly on 2nd tue 15:00\"</code>.</p>");
        }

        foreach (var s in series)
        {
            sb.Append($"<div class=\"series\" id=\"{E(MeetingViews.SeriesAnchor(s))}\"><h3>{E(s.Title)}</h3>")
                .Append("<p class=\"meta\">").Append(E(MeetingRefs.Describe(s))).Append(MeetingViews.Facts(s))
                .Append($" · <code>{E(MeetingRefs.Reference(s))}</code></p>");
            var dates = dated[s.Id].ToList();
            if (s.EndedAt is { } ended && dates.Count == 0)
            {
                sb.Append($"<p>This series ended on {E(MeetingTime.FormatDate(MeetingTime.ToLocal(ended, s.TimeZone).Date))}.</p>");
            }
            else if (dates.Count == 0)
            {
                sb.Append(group.IsArchived ? "" : "<p>No dates ahead.</p>");
            }
            else
            {
                sb.Append("<ul class=\"occurrences\">");
                foreach (var m in dates)
                {
                    sb.Append(m.Occurrence.Cancelled ? "<li class=\"occurrence cancelled\">" : "<li class=\"occurrence\">")
                        .Append("<p class=\"when\">").Append(MeetingViews.When(m.Occurrence)).Append(MeetingViews.Marks(m.Occurrence)).Append("</p>");
                    if (!m.Occurrence.Cancelled)
                    {
                        sb.Append(MeetingViews.Agenda(m));
                    }

                    sb.Append("</li>");
                }

                sb.Append("</ul>");
            }

            sb.Append("</div>");
        }

        return sb.Append("</section>").ToString();
    }

    /// <summary>The group's datasets with their latest versions, each linking to its page.</summary>
    private static async Task<string> DatasetsAsync(CollabBotDbContext db, WorkingGroup group, CancellationToken cancellationToken)
    {
        var datasets = await db.Datasets.AsNoTracking().Include(d => d.Versions)
            .Where(d => d.GroupId == group.Id)
            .OrderBy(d => d.Slug)
            .ToListAsync(cancellationToken);
        var sb = new StringBuilder("<section aria-labelledby=\"datasets\"><h2 id=\"datasets\">Datasets</h2>");
        if (datasets.Count == 0)
        {
            sb.Append($"<p>None registered. A convener registers one with <code>/dataset register {E(group.Slug)} &lt;slug&gt; \"&lt;title&gt;\"</code>. <a href=\"/datasets\">All datasets</a>.</p>");
            return sb.Append("</section>").ToString();
        }

        sb.Append("<ul>");
        foreach (var d in datasets)
        {
            var latest = Core.Features.Datasets.DatasetRefs.Latest(d.Versions);
            sb.Append($"<li><a href=\"/datasets/{E(d.Slug)}\">{E(d.Title)}</a> <code>{E(d.Slug)}</code>{(latest is null ? "" : $" <span class=\"meta\">latest {E(latest.Name)}, {E(latest.ReleasedOn)}</span>")}</li>");
        }

        return sb.Append("</ul></section>").ToString();
    }

    /// <summary>Everyone in the group with role, tags and affiliations; only the count when the deployment hides member lists.</summary>
    private static string MembersSection(string slug, IReadOnlyList<Membership> members, bool showMembers)
    {
        var sb = new StringBuilder($"<section aria-labelledby=\"members\"><h2 id=\"members\">Members ({members.Count})</h2>");
        if (!showMembers)
        {
            return sb.Append($"<p>This site does not show member lists. In Slack or Discord, <code>/wg members {E(slug)}</code> lists them.</p></section>").ToString();
        }

        sb.Append("<table><caption class=\"visually-hidden\">Members and their roles</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Role</th><th scope=\"col\">Tags</th><th scope=\"col\">Affiliations</th></tr></thead><tbody>");
        foreach (var m in members)
        {
            sb.Append($"<tr><td>{PersonHtml(m.Person)}</td><td>{(m.Role == MemberRole.Convener ? "convener" : "member")}</td><td>{E(string.Join(", ", m.Tags))}</td><td>{E(string.Join("; ", m.Person.Affiliations))}</td></tr>");
        }

        return sb.Append("</tbody></table></section>").ToString();
    }

    /// <summary>What a newcomer types to join, and what happens next: at once for an open group, after approval for a closed one.</summary>
    private static string JoinBox(WorkingGroup group, IReadOnlyList<Membership> conveners, bool consoleEnabled)
    {
        var sb = new StringBuilder("<section class=\"howto\" aria-labelledby=\"join\"><h2 id=\"join\">How to join</h2>");
        if (group.IsArchived)
        {
            sb.Append("<p>This group is archived and takes no new members. Its pages stay here for the record.</p>");
            return sb.Append("</section>").ToString();
        }

        var command = $"/wg join {group.Slug}";
        sb.Append($"<p>In Slack or Discord, type <code>{E(command)}</code>.");
        if (group.IsOpen)
        {
            sb.Append(" You are a member at once.");
        }
        else
        {
            var who = conveners.Count > 0 ? string.Join(" or ", conveners.Select(m => E(m.Person.DisplayName))) : "a convener";
            sb.Append($" This group is closed: your request goes to {who}, and you are a member once one of them approves it.");
        }

        sb.Append("</p>");
        if (ConsoleLink(consoleEnabled, command) is { } link)
        {
            sb.Append($"<p>No chat at hand? <a href=\"{E(link)}\">Try it in the console</a>.</p>");
        }

        sb.Append($"<p>To leave later: <code>/wg leave {E(group.Slug)}</code>.</p>");
        return sb.Append("</section>").ToString();
    }

    private static async Task<IResult> NotFoundAsync(string slug, CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var slugs = await db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken);
        var suggestion = Suggest.Closest(slug, slugs);
        var hint = suggestion is null ? "" : $" Did you mean <a href=\"/wg/{E(suggestion)}\">{E(suggestion)}</a>?";
        return Page("No such working group", $"<h1>No such working group</h1><p>There is no working group <code>{E(slug)}</code>.{hint} <a href=\"/\">All groups</a>.</p>", 404);
    }
}
