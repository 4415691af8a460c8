using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Commands;

/// <summary>
/// A reference named by its slug (<c>wg</c>, <c>project</c>, <c>dataset</c>): each distinct slug is looked up once; one
/// that is not there gets a not-found reply that suggests the closest slug and names the command that lists them all.
/// </summary>
public abstract class SlugReferenceResolver<T> : ReferenceResolver
    where T : class
{
    /// <summary>How the not-found sentence names the kind: "working group", "project".</summary>
    protected abstract string Noun { get; }

    /// <summary>The command that lists them all, e.g. <c>/wg list</c>.</summary>
    protected abstract string ListCommand { get; }

    /// <summary>The entity with that slug, with what handlers need of it loaded, or null.</summary>
    protected abstract Task<T?> FindAsync(CollabBotDbContext db, string slug, CancellationToken cancellationToken);

    /// <summary>Every slug of the kind, for the suggestion.</summary>
    protected abstract IQueryable<string> Slugs(CollabBotDbContext db);

    protected abstract Reference ReferenceTo(T entity);

    public sealed override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var slug in values.Cast<string>().Distinct(StringComparer.Ordinal))
        {
            if (await FindAsync(db, slug, cancellationToken) is not { } entity)
            {
                var slugs = await Slugs(db).ToListAsync(cancellationToken);
                return Problem(Reply.NotFound($"There is no {Noun} '{Clip(slug, 40)}'{Suggest.DidYouMean(slug, slugs)}. {ListCommand} shows them all."));
            }

            found.Add(ReferenceTo(entity));
        }

        return Found(found);
    }
}
