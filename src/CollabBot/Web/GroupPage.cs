using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Web.Dashboard;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary><c>GET /wg/{slug}</c>: one group's conveners, members with roles and tags, and linked channels.</summary>
public static class GroupPage
{
    public static async Task<IResult> RenderAsync(string slug, CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking()
            .Include(g => g.Memberships.Where(m => m.EndedAt == null)).ThenInclude(m => m.Person)
            .Include(g => g.ChannelLinks.Where(c => c.UnlinkedAt == null))
            .FirstOrDefaultAsync(g => g.Slug == slug.ToLowerInvariant(), cancellationToken);
        if (group is null)
        {
            var slugs = await db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken);
            var suggestion = Suggest.Closest(slug, slugs);
            var hint = suggestion is null ? "" : $" Did you mean <a href=\"/wg/{E(suggestion)}\">{E(suggestion)}</a>?";
            return Page("Not found", $"<h1>No such working group</h1><p>There is no working group <code>{E(slug)}</code>.{hint} <a href=\"/\">All groups</a>.</p>", 404);
        }

        var sb = new StringBuilder();
        sb.Append($"<p class=\"crumbs\"><a href=\"/\">Working groups</a> › {E(group.Slug)}</p>");
        sb.Append($"<h1>{E(group.Name)}</h1>");
        sb.Append($"<p class=\"meta\"><code>{E(group.Slug)}</code> · {KindHeading(group.Kind).TrimEnd('s')} · {(group.IsOpen ? "open: anyone may join" : "closed: joining needs a convener's approval")} · time zone {E(group.TimeZone)}{(group.IsArchived ? " · <strong>archived</strong>" : "")}</p>");
        sb.Append($"<p class=\"lead\">{E(group.Description)}</p>");
        sb.Append($"<p>Join from chat: <code>/wg join {E(group.Slug)}</code></p>");

        var members = group.Memberships.OrderByDescending(m => m.Role).ThenBy(m => m.Person.DisplayName, StringComparer.CurrentCulture).ToList();
        sb.Append("<section aria-labelledby=\"conveners\"><h2 id=\"conveners\">Conveners</h2><ul>");
        foreach (var m in members.Where(m => m.Role == MemberRole.Convener))
        {
            sb.Append($"<li>{PersonHtml(m.Person)}</li>");
        }

        sb.Append("</ul></section>");
        sb.Append($"<section aria-labelledby=\"members\"><h2 id=\"members\">Members ({members.Count})</h2>");
        sb.Append("<table><caption class=\"visually-hidden\">Members and their roles</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Role</th><th scope=\"col\">Tags</th><th scope=\"col\">Affiliations</th></tr></thead><tbody>");
        foreach (var m in members)
        {
            sb.Append($"<tr><td>{PersonHtml(m.Person)}</td><td>{(m.Role == MemberRole.Convener ? "convener" : "member")}</td><td>{E(string.Join(", ", m.Tags))}</td><td>{E(string.Join("; ", m.Person.Affiliations))}</td></tr>");
        }

        sb.Append("</tbody></table></section>");
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
        return Page(group.Name, sb.ToString());
    }
}
