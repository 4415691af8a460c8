using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary>The dashboard: server-rendered pages of groups, conveners, members, projects and channels. No JavaScript needed.</summary>
public static class Dashboard
{
    public static void MapDashboard(this WebApplication app)
    {
        app.MapGet("/site.css", () => Results.Text(SiteCss.Text, "text/css; charset=utf-8"));
        app.MapGet("/", HomeAsync);
        app.MapGet("/wg/{slug}", GroupAsync);
    }

    private static async Task<IResult> HomeAsync(CollabBotDbContext db, CancellationToken cancellationToken)
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

            sb.Append($"<section aria-labelledby=\"kind-{kind}\"><h2 id=\"kind-{kind}\">{KindHeading(kind)}</h2><ul class=\"cards\">");
            foreach (var g in ofKind)
            {
                sb.Append("<li class=\"card\">")
                    .Append($"<h3><a href=\"/wg/{E(g.Slug)}\">{E(g.Name)}</a></h3>")
                    .Append($"<p class=\"meta\"><code>{E(g.Slug)}</code> · {g.Members} member{(g.Members == 1 ? "" : "s")} · {(g.IsOpen ? "open" : "closed")}</p>")
                    .Append($"<p>{E(Summary(g.Description))}</p>")
                    .Append($"<p class=\"meta\">Conveners: {E(g.Conveners.Count > 0 ? string.Join(", ", g.Conveners.Order(StringComparer.CurrentCulture)) : "none yet")}</p>")
                    .Append("</li>");
            }

            sb.Append("</ul></section>");
        }

        return Page("Working groups", sb.ToString());
    }

    private static async Task<IResult> GroupAsync(string slug, CollabBotDbContext db, CancellationToken cancellationToken)
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
        sb.Append($"<p class=\"meta\"><code>{E(group.Slug)}</code> · {KindHeading(group.Kind).TrimEnd('s')} group · {(group.IsOpen ? "open: anyone may join" : "closed: joining needs a convener's approval")} · time zone {E(group.TimeZone)}{(group.IsArchived ? " · <strong>archived</strong>" : "")}</p>");
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
        return Page(group.Name, sb.ToString());
    }

    private static string PersonHtml(Person p)
    {
        var name = E(p.DisplayName);
        return p.Orcid is null ? name : $"{name} <a class=\"orcid\" href=\"{E(Orcid.Url(p.Orcid))}\" aria-label=\"ORCID of {name}\">ORCID</a>";
    }

    private static string PlatformName(string platform) => platform switch
    {
        "slack" => "Slack",
        "discord" => "Discord",
        _ => platform,
    };

    public static string KindHeading(GroupKind kind) => kind switch
    {
        GroupKind.Dataset => "Dataset groups",
        GroupKind.Problem => "Problem groups",
        GroupKind.Area => "Area groups",
        _ => "General groups",
    };

    private static string Summary(string description) => description.Length <= 220 ? description : description[..217].TrimEnd() + "…";
}
