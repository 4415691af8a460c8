using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Features.Datasets;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Challenges;

/// <summary>
/// A <c>challenge</c> argument: the challenge with its dataset, the dataset's group (whose rules govern it) and its
/// baselines, or a not-found reply that suggests the closest slug. Never loads the truth.
/// </summary>
public sealed class ChallengeReference : ReferenceResolver
{
    public override OptionType Type => OptionType.Challenge;

    public override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var slug in values.Cast<string>().Distinct(StringComparer.Ordinal))
        {
            var challenge = await db.Challenges
                .Include(c => c.Dataset).ThenInclude(d => d.Group)
                .Include(c => c.DatasetVersion)
                .Include(c => c.Baselines)
                .FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
            if (challenge is null)
            {
                var slugs = await db.Challenges.Select(c => c.Slug).ToListAsync(cancellationToken);
                return Problem(Reply.NotFound($"There is no challenge '{Values.Clipping.Clip(slug, 40)}'{Suggest.DidYouMean(slug, slugs)}. /challenge list shows them all."));
            }

            found.Add(new Reference(challenge, challenge.Dataset.Group, "challenge " + challenge.Slug));
        }

        return Found(found);
    }
}
