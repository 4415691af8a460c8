using System.Globalization;
using System.Text;
using CollabBot.Core;
using CollabBot.Core.Authors;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary>Author-list downloads (<c>GET /authors/&lt;project&gt;.&lt;ext&gt;</c>) and the dashboard's project pages.</summary>
public static class Projects
{
    public static void MapProjects(this WebApplication app)
    {
        app.MapGet("/authors/{file}", DownloadAsync);
        app.MapGet("/projects/{slug}", ProjectAsync);
    }

    /// <summary>
    /// <c>jet-paper.revtex.tex</c>: the slug is everything before the first dot (slugs have none), the format
    /// everything after. <c>?order=contribution&amp;min-degree=lead</c> as in /credit authors.
    /// </summary>
    private static async Task<IResult> DownloadAsync(string file, string? order, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "min-degree")] string? minDegree,
        HttpContext http, CollabBotDbContext db, IOptionsMonitor<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        var slug = (dot < 0 ? file : file[..dot]).ToLowerInvariant();
        var extension = dot < 0 ? "" : file[(dot + 1)..];
        var format = AuthorFormats.ByExtension(extension);
        var extensions = string.Join(", ", AuthorFormats.All.Select(f => "." + f.Extension));
        if (format is null)
        {
            return Results.Text($"'{extension}' is not an author-list format. Use one of: {extensions}.", "text/plain; charset=utf-8", statusCode: 404);
        }

        if (!AuthorDownloads.TryParseOptions(order, minDegree, out var options, out var error))
        {
            return Results.Text(error, "text/plain; charset=utf-8", statusCode: 400);
        }

        var list = await LoadAsync(db, slug, options, bot.CurrentValue, clock, cancellationToken);
        if (list is null)
        {
            var suggestion = Suggest.Closest(slug, await db.Projects.Select(p => p.Slug).ToListAsync(cancellationToken));
            return Results.Text($"There is no project '{slug}'.{(suggestion is null ? "" : $" Did you mean {suggestion}?")}", "text/plain; charset=utf-8", statusCode: 404);
        }

        var rendered = AuthorFormats.Render(format.Format, list);
        var name = AuthorFormats.FileName(format.Format, list.Project.Slug);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Text(rendered.Content, format.ContentType, Encoding.UTF8);
    }

    private static async Task<IResult> ProjectAsync(string slug, CollabBotDbContext db, IOptionsMonitor<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        slug = slug.ToLowerInvariant();
        var list = await LoadAsync(db, slug, new AuthorListOptions(), bot.CurrentValue, clock, cancellationToken);
        if (list is null)
        {
            var suggestion = Suggest.Closest(slug, await db.Projects.Select(p => p.Slug).ToListAsync(cancellationToken));
            var hint = suggestion is null ? "" : $" Did you mean <a href=\"/projects/{E(suggestion)}\">{E(suggestion)}</a>?";
            return Page("Not found", $"<h1>No such project</h1><p>There is no project <code>{E(slug)}</code>.{hint} <a href=\"/\">All groups</a>.</p>", 404);
        }

        var counts = await db.Contributions.Where(c => c.Project.Slug == slug)
            .GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(ContributionStatus status) => counts.FirstOrDefault(c => c.Key == status)?.Count ?? 0;

        var project = list.Project;
        var sb = new StringBuilder();
        sb.Append($"<p class=\"crumbs\"><a href=\"/\">Working groups</a> › <a href=\"/wg/{E(project.GroupSlug)}\">{E(project.GroupSlug)}</a> › {E(project.Slug)}</p>");
        sb.Append($"<h1>{E(project.Title)}</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\"><code>{E(project.Slug)}</code> · {E(project.Kind.ToString().ToLowerInvariant())} of <a href=\"/wg/{E(project.GroupSlug)}\">{E(project.GroupName)}</a> · {list.Authors.Count} author{(list.Authors.Count == 1 ? "" : "s")} · {Count(ContributionStatus.Confirmed)} confirmed contribution{(Count(ContributionStatus.Confirmed) == 1 ? "" : "s")}, {Count(ContributionStatus.Pending)} pending</p>");
        sb.Append("<p class=\"lead\">The author list is made from confirmed contributions only; pending and rejected ones never appear. ");
        sb.Append($"Record one from chat with <code>/credit add {E(project.Slug)} me &lt;role&gt;</code>.</p>");

        sb.Append("<section aria-labelledby=\"authors\"><h2 id=\"authors\">Authors</h2>");
        if (list.IsEmpty)
        {
            sb.Append("<p>No confirmed contributions yet.</p>");
        }
        else
        {
            sb.Append("<p class=\"authors\">");
            for (var i = 0; i < list.Authors.Count; i++)
            {
                var author = list.Authors[i];
                if (i > 0)
                {
                    sb.Append(", ");
                }

                var name = E(author.FullName);
                sb.Append(author.OrcidUrl is { } url ? $"<a href=\"{E(url)}\" title=\"ORCID {E(author.Orcid)}\">{name}</a>" : name);
                if (author.Affiliations.Count > 0)
                {
                    sb.Append("<sup>").Append(string.Join(",", author.Affiliations.Select(n => n.ToString(CultureInfo.InvariantCulture)))).Append("</sup>");
                }
            }

            sb.Append("</p><ol class=\"affiliations\">");
            foreach (var affiliation in list.Affiliations)
            {
                sb.Append("<li>").Append(E(affiliation)).Append("</li>");
            }

            sb.Append("</ol>");
            foreach (var warning in AuthorFormats.Warnings(AuthorFormat.Text, list))
            {
                sb.Append("<p class=\"meta\">Note: ").Append(E(warning)).Append("</p>");
            }
        }

        sb.Append("</section><section aria-labelledby=\"downloads\"><h2 id=\"downloads\">Downloads</h2>");
        sb.Append("<table><caption class=\"visually-hidden\">Author list downloads</caption><thead><tr><th scope=\"col\">Format</th><th scope=\"col\">Alphabetical</th><th scope=\"col\">By contribution</th></tr></thead><tbody>");
        foreach (var format in AuthorFormats.All)
        {
            var alpha = AuthorDownloads.Path(project.Slug, format.Format, new AuthorListOptions());
            var byContribution = AuthorDownloads.Path(project.Slug, format.Format, new AuthorListOptions(AuthorOrder.Contribution));
            sb.Append($"<tr><td>{E(format.Description)} <span class=\"meta\">({E(format.Name)})</span></td>")
                .Append($"<td><a href=\"{E(alpha)}\" download>{E(AuthorFormats.FileName(format.Format, project.Slug))}</a></td>")
                .Append($"<td><a href=\"{E(byContribution)}\" download>by contribution</a></td></tr>");
        }

        sb.Append("</tbody></table>");
        sb.Append($"<p class=\"meta\">From chat: <code>/credit authors {E(project.Slug)} --format latex --order contribution</code>. From the command line: <code>export authors {E(project.Slug)} --format cff -o CITATION.cff</code>.</p></section>");

        sb.Append("<section aria-labelledby=\"statement\"><h2 id=\"statement\">Contribution statement (CRediT)</h2>");
        if (list.IsEmpty)
        {
            sb.Append("<p>Nothing confirmed yet.</p>");
        }
        else
        {
            sb.Append("<ul class=\"statement\">");
            foreach (var author in list.Authors)
            {
                sb.Append("<li><strong>").Append(E(author.FullName)).Append("</strong>: ").Append(E(AuthorFormats.RolesText(author.Roles))).Append(".</li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("</section>");
        return Page(project.Title, sb.ToString());
    }

    private static async Task<AuthorList?> LoadAsync(CollabBotDbContext db, string slug, AuthorListOptions options, BotOptions bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var list = await new AuthorListQuery(db).LoadAsync(slug, options, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        return list is null ? null : list with { Project = list.Project with { Url = bot.Link($"/projects/{list.Project.Slug}") } };
    }
}
