using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Datasets;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Features.Datasets;

[Command("dataset cite")]
public sealed class DatasetCite : CommandHandler<DatasetCite.Args>
{
    public sealed record Args(string? Version, string? Format);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var dataset = context.Ref<Dataset>();

        var d = dataset;
        DatasetVersion? version;
        if (args.Version is { } wanted)
        {
            version = d.Versions.FirstOrDefault(v => string.Equals(v.Name, wanted.Trim(), StringComparison.OrdinalIgnoreCase));
            if (version is null)
            {
                var known = DatasetRefs.Newest(d.Versions).Select(v => v.Name).ToList();
                return Reply.NotFound(known.Count == 0
                    ? $"{d.Slug} has no versions recorded yet, so there is no {Clip(wanted, 40)}. Leave out --version to cite the dataset itself."
                    : $"{d.Slug} has no version {Clip(wanted, 40)}. Its versions: {string.Join(", ", known.Take(10))}.");
            }
        }
        else
        {
            version = DatasetRefs.Latest(d.Versions);
        }

        var authors = await CitationAuthors.ForAsync(context.Db, d, cancellationToken);
        var input = Input(d, version, authors.Authors);
        var format = args.Format ?? "bibtex";
        var text = format switch
        {
            "text" => Citations.Text(input),
            "cff" => Citations.Cff(input),
            _ => Citations.BibTeX(input),
        };

        var b = new ReplyBuilder($"How to cite {d.Title}" + (version is null ? "" : $" {version.Name}") + (format == "cff" ? " (CITATION.cff)" : format == "text" ? "" : " (BibTeX)"));
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            b.Line(format == "text" ? (Line)line : Line.Of(new Code(line)));
        }

        b.Section(null).Line(authors.Source);
        if (version is null)
        {
            b.Line("No version is recorded yet, so this cites the dataset as a whole.");
        }

        var page = context.Options.Link($"/datasets/{d.Slug}");
        b.Line(Line.Of(new Text("Copy it from the dataset's page: "), new Link(page, page)));
        return b.Build();
    }

    public static CitationInput Input(Dataset d, DatasetVersion? version, IReadOnlyList<CitationAuthor> authors)
    {
        var released = version?.ReleasedOn;
        var year = released is not null && int.TryParse(released[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : d.CreatedAt.Year;
        return new CitationInput(
            d.Slug,
            d.Title,
            d.Group.Name,
            authors,
            version?.Name,
            version?.Doi ?? d.Doi,
            version?.Url ?? d.Url,
            released,
            year,
            d.License,
            d.Repository);
    }
}
