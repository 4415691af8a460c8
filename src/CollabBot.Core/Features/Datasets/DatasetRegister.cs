using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Ports;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Features.Datasets;

[Command("dataset register")]
public sealed class DatasetRegister : CommandHandler<DatasetRegister.Args>
{
    public sealed record Args(string Slug, string Title, string? Repo, string? Label, string? Url, string? Doi, string? License);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var title = args.Title.Trim();
        if (title.Length is 0 or > 200)
        {
            return Reply.Invalid("A dataset's title must be 1 to 200 characters.", context.Usage);
        }

        RepoRef? repo = null;
        if (args.Repo is not null && !DatasetRefs.TryParseRepo(args.Repo, out repo))
        {
            return Reply.Invalid($"'{Clip(args.Repo, 40)}' is not a GitHub repository: use owner/name, e.g. collab-demo/jetclass.", context.Usage);
        }

        var label = args.Label?.Trim();
        if (label is not null && !DatasetRefs.IsLabel(label))
        {
            return Reply.Invalid("--label must be 1 to 50 characters without commas (GitHub's issue filter separates labels with commas).", context.Usage);
        }

        string? doi = null;
        if (args.Doi is not null && !DatasetRefs.TryParseDoi(args.Doi, out doi))
        {
            return Reply.Invalid($"'{Clip(args.Doi, 40)}' is not a DOI: use the form 10.5281/zenodo.1234567 (or its https://doi.org/ address).", context.Usage);
        }

        var license = args.License?.Trim();
        if (license is not null && !DatasetRefs.IsLicense(license))
        {
            return Reply.Invalid($"'{Clip(license, 40)}' is not an SPDX licence id such as CC-BY-4.0, CC0-1.0 or MIT.", context.Usage);
        }

        var existing = await context.Db.Datasets.Include(d => d.Group).FirstOrDefaultAsync(d => d.Slug == args.Slug, cancellationToken);
        if (existing is not null)
        {
            return Reply.Invalid($"There is already a dataset '{args.Slug}' (in {existing.Group.Slug}); dataset slugs are unique across groups. Choose another slug.");
        }

        var dataset = new Dataset
        {
            Group = group,
            GroupId = group.Id,
            Slug = args.Slug,
            Title = title,
            RepoOwner = repo?.Owner,
            RepoName = repo?.Name,
            Label = label,
            Url = args.Url,
            Doi = doi,
            License = license,
            CreatedAt = context.Now,
            CreatedByPersonId = context.Caller.Id,
        };
        context.Db.Datasets.Add(dataset);

        var b = new ReplyBuilder($"Registered {dataset.Title} ({dataset.Slug}) in {group.Slug}")
            .Field("Repository", repo is null ? "none (issues and tracking need one)" : Line.Of(new Link("https://github.com/" + repo, repo.ToString())))
            .Field("Issue label", repo is null ? "—" : dataset.IssueLabel);
        if (dataset.Doi is not null)
        {
            b.Field("DOI", Line.Of(new Link(DatasetRefs.DoiUrl(dataset.Doi), dataset.Doi)));
        }

        if (dataset.Url is not null)
        {
            b.Field("Landing page", Line.Of(new Link(dataset.Url, dataset.Url)));
        }

        if (dataset.License is not null)
        {
            b.Field("Licence", dataset.License);
        }

        b.Line(Line.Of(new Text("Next: record a release with "), new Code($"/dataset version {dataset.Slug} 1.0.0"), new Text(", and follow its issues in a channel with "), new Code($"/dataset track {dataset.Slug}"), new Text(".")));
        return b.Build();
    }
}
