using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Web.Dashboard;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary><c>GET /</c>: every active group as a card, under its kind.</summary>
public static class HomePage
{
    public static async Task<IResult> RenderAsync(CollabBotDbContext db, CancellationToken cancellationToken)
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

    private static string Summary(string description) => description.Length <= 220 ? description : description[..217].TrimEnd() + "…";
}
