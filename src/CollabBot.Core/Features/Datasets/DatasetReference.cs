using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Datasets;

/// <summary>A <c>dataset</c> argument: the dataset with its group and versions, or a not-found reply that suggests the closest slug.</summary>
public sealed class DatasetReference : SlugReferenceResolver<Dataset>
{
    public override OptionType Type => OptionType.Dataset;

    protected override string Noun => "dataset";

    protected override string ListCommand => "/dataset list";

    protected override Task<Dataset?> FindAsync(CollabBotDbContext db, string slug, CancellationToken cancellationToken) =>
        db.Datasets.Include(d => d.Group).Include(d => d.Versions).FirstOrDefaultAsync(d => d.Slug == slug, cancellationToken);

    protected override IQueryable<string> Slugs(CollabBotDbContext db) => db.Datasets.Select(d => d.Slug);

    protected override Reference ReferenceTo(Dataset dataset) => new(dataset, dataset.Group, dataset.Slug);
}
