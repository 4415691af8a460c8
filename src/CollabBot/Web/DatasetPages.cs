using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Datasets;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Datasets;
using CollabBot.Core.Ports;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary><c>GET /datasets</c> and <c>GET /datasets/{slug}</c>: versions, a citation to copy, and open issues from GitHub.</summary>
public static class DatasetPages
{
    /// <summary>A page waits at most this long for GitHub, then says it could not ask.</summary>
    public static readonly TimeSpan GitHubBudget = TimeSpan.FromSeconds(5);

    public static void MapDatasetPages(this WebApplication app)
    {
        app.MapGet("/datasets", ListAsync);
        app.MapGet("/datasets/{slug}", DatasetAsync);
    }

    public static async Task<IResult> ListAsync(CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var datasets = await db.Datasets.AsNoTracking().Include(d => d.Group).Include(d => d.Versions)
            .OrderBy(d => d.Group.Slug).ThenBy(d => d.Slug)
            .ToListAsync(cancellationToken);
        var sb = new StringBuilder();
        sb.Append("<h1>Datasets</h1>");
        sb.Append("<p class=\"lead\">Benchmark datasets the working groups look after: their versions, how to cite them, and where their issues are reported.</p>");
        if (datasets.Count == 0)
        {
            sb.Append("<p>No datasets yet. A convener registers one with <code>/dataset register &lt;wg&gt; &lt;slug&gt; \"&lt;title&gt;\"</code>.</p>");
            return Page("Datasets", sb.ToString());
        }

        sb.Append("<table><caption class=\"visually-hidden\">Datasets with their group, latest version and repository</caption><thead><tr>")
            .Append("<th scope=\"col\">Dataset</th><th scope=\"col\">Group</th><th scope=\"col\">Latest version</th><th scope=\"col\">Repository</th></tr></thead><tbody>");
        foreach (var d in datasets)
        {
            var latest = DatasetRefs.Latest(d.Versions);
            sb.Append($"<tr><td><a href=\"/datasets/{E(d.Slug)}\">{E(d.Title)}</a><br><code>{E(d.Slug)}</code></td>")
                .Append($"<td><a href=\"/wg/{E(d.Group.Slug)}\">{E(d.Group.Name)}</a></td>")
                .Append($"<td>{(latest is null ? "none yet" : $"{E(latest.Name)} <span class=\"meta\">({E(latest.ReleasedOn)})</span>")}</td>")
                .Append($"<td>{(d.Repository is { } repo ? $"<a href=\"https://github.com/{E(repo)}\">{E(repo)}</a>" : "—")}</td></tr>");
        }

        sb.Append("</tbody></table>");
        return Page("Datasets", sb.ToString());
    }

    public static async Task<IResult> DatasetAsync(string slug, CollabBotDbContext db, IGitHubIssues github, CancellationToken cancellationToken)
    {
        var d = await db.Datasets.AsNoTracking().Include(x => x.Group).Include(x => x.Versions)
            .FirstOrDefaultAsync(x => x.Slug == slug.ToLowerInvariant(), cancellationToken);
        if (d is null)
        {
            var slugs = await db.Datasets.Select(x => x.Slug).ToListAsync(cancellationToken);
            var suggestion = Suggest.Closest(slug, slugs);
            var hint = suggestion is null ? "" : $" Did you mean <a href=\"/datasets/{E(suggestion)}\">{E(suggestion)}</a>?";
            return Page("No such dataset", $"<h1>No such dataset</h1><p>There is no dataset <code>{E(slug)}</code>.{hint} <a href=\"/datasets\">All datasets</a>.</p>", 404);
        }

        var versions = DatasetRefs.Newest(d.Versions);
        var latest = versions.FirstOrDefault();
        var sb = new StringBuilder();
        sb.Append($"<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"/datasets\">Datasets</a> › {E(d.Slug)}</nav>");
        sb.Append($"<h1>{E(d.Title)}</h1>");
        sb.Append($"<p class=\"meta\"><code>{E(d.Slug)}</code> · looked after by <a href=\"/wg/{E(d.Group.Slug)}\">{E(d.Group.Name)}</a>");
        if (d.License is not null)
        {
            sb.Append($" · licence {E(d.License)}");
        }

        sb.Append("</p><dl class=\"facts\">");
        if (d.Repository is { } repo)
        {
            sb.Append($"<dt>Repository</dt><dd><a href=\"https://github.com/{E(repo)}\">{E(repo)}</a> (issue label <code>{E(d.IssueLabel)}</code>)</dd>");
        }

        if (d.Doi is not null)
        {
            sb.Append($"<dt>DOI</dt><dd><a href=\"{E(DatasetRefs.DoiUrl(d.Doi))}\">{E(d.Doi)}</a></dd>");
        }

        if (d.Url is not null && SafeUrl(d.Url) is { } url)
        {
            sb.Append($"<dt>Landing page</dt><dd><a href=\"{E(url)}\">{E(d.Url)}</a></dd>");
        }

        sb.Append("</dl>");

        sb.Append("<section aria-labelledby=\"versions\"><h2 id=\"versions\">Versions</h2>");
        if (versions.Count == 0)
        {
            sb.Append($"<p>None recorded yet. A convener records one with <code>/dataset version {E(d.Slug)} 1.0.0</code>.</p>");
        }
        else
        {
            sb.Append("<table><caption class=\"visually-hidden\">Versions, newest first</caption><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Released</th><th scope=\"col\">DOI</th><th scope=\"col\">What changed</th></tr></thead><tbody>");
            foreach (var v in versions)
            {
                var doi = v.Doi is null ? "—" : $"<a href=\"{E(DatasetRefs.DoiUrl(v.Doi))}\">{E(v.Doi)}</a>";
                var name = v.Url is not null && SafeUrl(v.Url) is { } vurl ? $"<a href=\"{E(vurl)}\">{E(v.Name)}</a>" : E(v.Name);
                sb.Append($"<tr><td>{name}</td><td>{E(v.ReleasedOn)}</td><td>{doi}</td><td>{E(v.Notes ?? "")}</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("</section>");

        var authors = await CitationAuthors.ForAsync(db, d, cancellationToken);
        var input = DatasetCite.Input(d, latest, authors.Authors);
        sb.Append("<section aria-labelledby=\"cite\"><h2 id=\"cite\">How to cite</h2>");
        sb.Append($"<p>{(latest is null ? "No version is recorded yet, so this cites the dataset as a whole." : $"Version {E(latest.Name)}; other versions with <code>/dataset cite {E(d.Slug)} --version V</code>.")} {E(authors.Source)}</p>");
        sb.Append($"<h3>Text</h3><p class=\"citation\">{E(Citations.Text(input))}</p>");
        sb.Append($"<h3>BibTeX</h3><pre class=\"citation\"><code>{E(Citations.BibTeX(input))}</code></pre>");
        sb.Append($"<h3>CITATION.cff</h3><pre class=\"citation\"><code>{E(Citations.Cff(input))}</code></pre>");
        sb.Append("</section>");

        sb.Append("<section aria-labelledby=\"issues\"><h2 id=\"issues\">Open issues</h2>");
        sb.Append(await IssuesAsync(d, github, cancellationToken));
        sb.Append("</section>");
        sb.Append("<p class=\"back\"><a href=\"/datasets\">← All datasets</a></p>");
        return Page($"{d.Title} · Datasets", sb.ToString());
    }

    private static async Task<string> IssuesAsync(Dataset d, IGitHubIssues github, CancellationToken cancellationToken)
    {
        if (DatasetRefs.Repo(d) is not { } repo)
        {
            return "<p>This dataset has no GitHub repository, so its issues are not tracked here.</p>";
        }

        var report = $"<p>Report a problem with <code>/dataset issue {E(d.Slug)} \"&lt;title&gt;\"</code>, or on <a href=\"https://github.com/{E(repo.ToString())}/issues\">GitHub</a>.</p>";
        if (!github.IsConfigured)
        {
            return $"<p class=\"note\">GitHub is not connected on this deployment (no <code>GitHub:Token</code>), so open issues cannot be shown here. See them on <a href=\"https://github.com/{E(repo.ToString())}/issues?q=is%3Aopen+label%3A{E(Uri.EscapeDataString(d.IssueLabel))}\">GitHub</a>.</p>" + report;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(GitHubBudget);
        GitHubResult<IReadOnlyList<IssueInfo>> result;
        try
        {
            result = await github.ListIssuesAsync(repo, IssueStateFilter.Open, d.IssueLabel, 30, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new GitHubFailure(GitHubFailureKind.Unreachable, "no answer within 5 seconds");
        }

        if (result.Failure is { } failure)
        {
            return $"<p class=\"note\">Open issues could not be fetched: {E(GitHubSentences.For(failure, repo))}</p>" + report;
        }

        var issues = result.Value!;
        if (issues.Count == 0)
        {
            return "<p>No open issues.</p>" + report;
        }

        var sb = new StringBuilder("<ul>");
        foreach (var i in issues)
        {
            var link = SafeUrl(i.Url) is { } url ? $"<a href=\"{E(url)}\">#{i.Number} {E(i.Title)}</a>" : $"#{i.Number} {E(i.Title)}";
            var versions = i.Labels.Where(l => l.StartsWith("version:", StringComparison.Ordinal)).ToList();
            sb.Append($"<li>{link}{(versions.Count > 0 ? $" <span class=\"meta\">{E(string.Join(", ", versions))}</span>" : "")}{(i.Author is null ? "" : $" <span class=\"meta\">by {E(i.Author)}</span>")}</li>");
        }

        return sb.Append("</ul>").Append(report).ToString();
    }
}
