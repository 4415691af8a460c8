using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Values;
using CollabBot.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static CollabBot.Web.Dashboard;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary><c>GET /wg/{slug}</c>: one group's conveners, members with roles and tags, linked channels, and how to join.</summary>
public static class GroupPage
{
    public static async Task<IResult> RenderAsync(
        string slug, CollabBotDbContext db, IOptions<ConsoleOptions> console, IOptions<DashboardOptions> dashboard, CancellationToken cancellationToken)
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
        sb.Append($"<p class=\"back\"><a href=\"/#{E(CardAnchor(group.Slug))}\">← All working groups</a></p>");
        return Page($"{group.Name} · Working groups", sb.ToString());
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
