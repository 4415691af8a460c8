using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Features.Datasets;

/// <summary>A <c>dataset</c> argument: the dataset with its group and versions, or a not-found reply that suggests the closest slug.</summary>
public sealed class DatasetReference : ReferenceResolver
{
    public override OptionType Type => OptionType.Dataset;

    public override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var slug in values.Cast<string>().Distinct(StringComparer.Ordinal))
        {
            var dataset = await db.Datasets.Include(d => d.Group).Include(d => d.Versions).FirstOrDefaultAsync(d => d.Slug == slug, cancellationToken);
            if (dataset is null)
            {
                var slugs = await db.Datasets.Select(d => d.Slug).ToListAsync(cancellationToken);
                return Problem(Reply.NotFound($"There is no dataset '{Clip(slug, 40)}'{Suggest.DidYouMean(slug, slugs)}. /dataset list shows them all."));
            }

            found.Add(new Reference(dataset, dataset.Group, dataset.Slug));
        }

        return Found(found);
    }
}
