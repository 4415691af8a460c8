using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Features.Wg;

/// <summary>A <c>wg</c> argument: the group with that slug, or a not-found reply that suggests the closest slug.</summary>
public sealed class GroupReference : ReferenceResolver
{
    public override OptionType Type => OptionType.Wg;

    public override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var slug in values.Cast<string>().Distinct(StringComparer.Ordinal))
        {
            var group = await db.Groups.FirstOrDefaultAsync(g => g.Slug == slug, cancellationToken);
            if (group is null)
            {
                var slugs = await db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken);
                return Problem(Reply.NotFound($"There is no working group '{Clip(slug, 40)}'{Suggest.DidYouMean(slug, slugs)}. /wg list shows them all."));
            }

            found.Add(new Reference(group, group, group.Slug));
        }

        return Found(found);
    }
}
