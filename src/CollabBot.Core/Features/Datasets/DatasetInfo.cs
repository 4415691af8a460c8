using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Datasets;
using CollabBot.Core.Ports;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Features.Datasets;

[Command("dataset info")]
public sealed class DatasetInfo(IGitHubIssues github) : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var d = context.Ref<Dataset>();
        var b = new ReplyBuilder($"{d.Title} ({d.Slug})")
            .Field("Group", $"{d.Group.Name} ({d.Group.Slug})");
        if (DatasetRefs.Repo(d) is { } repo)
        {
            b.Field("Repository", Line.Of(new Link("https://github.com/" + repo, repo.ToString())))
                .Field("Issue label", d.IssueLabel);
            if (!github.IsConfigured)
            {
                b.Field("Open issues", "unknown: GitHub is not connected on this deployment");
            }
            else
            {
                var result = await DatasetRefs.CallAsync(ct => github.ListIssuesAsync(repo, IssueStateFilter.Open, d.IssueLabel, OpenIssues.Page, ct), cancellationToken);
                b.Field("Open issues", result.Value is { } issues
                    ? (issues.Count >= OpenIssues.Page ? $"{OpenIssues.Page}+" : issues.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)) + $" (/dataset issues {d.Slug} lists them)"
                    : "unknown: " + GitHubSentences.For(result.Failure!, repo));
            }
        }
        else
        {
            b.Field("Repository", "none");
        }

        if (d.Doi is not null)
        {
            b.Field("DOI", Line.Of(new Link(DatasetRefs.DoiUrl(d.Doi), d.Doi)));
        }

        if (d.Url is not null)
        {
            b.Field("Landing page", Line.Of(new Link(d.Url, d.Url)));
        }

        if (d.License is not null)
        {
            b.Field("Licence", d.License);
        }

        var channels = await context.Db.DatasetTrackings.CountAsync(t => t.DatasetId == d.Id && t.EndedAt == null, cancellationToken);
        b.Field("Tracked in", channels == 0 ? "no channel" : $"{channels} channel{(channels == 1 ? "" : "s")}");
        var page = context.Options.Link($"/datasets/{d.Slug}");
        b.Field("Page", Line.Of(new Link(page, page)));

        b.Section("Versions");
        var versions = DatasetRefs.Newest(d.Versions);
        if (versions.Count == 0)
        {
            b.Line(Line.Of(new Text("None recorded yet. A convener records one with "), new Code($"/dataset version {d.Slug} 1.0.0"), new Text(".")));
        }

        foreach (var v in versions.Take(10))
        {
            var parts = new List<Inline> { new Strong(v.Name), new Text($" — {v.ReleasedOn}") };
            if (v.Doi is not null)
            {
                parts.Add(new Text(" — "));
                parts.Add(new Link(DatasetRefs.DoiUrl(v.Doi), v.Doi));
            }

            if (v.Notes is not null)
            {
                parts.Add(new Text(": " + Clip(v.Notes, 200)));
            }

            b.Line(new Line(parts));
        }

        if (versions.Count > 10)
        {
            b.Line($"…and {versions.Count - 10} older versions (all on the dataset's page).");
        }

        return b.Build();
    }
}
