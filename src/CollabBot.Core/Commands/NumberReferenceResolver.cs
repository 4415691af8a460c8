using CollabBot.Core.Data;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Commands;

/// <summary>
/// A reference argument written as a number (<c>12</c> or <c>#12</c>): talks, topic ideas, resources. Each value is
/// looked up once, in the order given; the first that names nothing is the problem. A number outside the ids a row can
/// have names nothing without asking the database.
/// </summary>
public abstract class NumberReferenceResolver<T> : ReferenceResolver
    where T : class
{
    /// <summary>The entity with that id, with what handlers need of it loaded, or null.</summary>
    protected abstract Task<T?> FindAsync(CollabBotDbContext db, int id, CancellationToken cancellationToken);

    /// <summary>The sentence for a number that names nothing, with the command that shows the numbers.</summary>
    protected abstract string NotFound(long id);

    protected abstract Reference ReferenceTo(T entity);

    public sealed override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var id in values.Cast<long>().Distinct())
        {
            var entity = id is > 0 and <= int.MaxValue ? await FindAsync(db, (int)id, cancellationToken) : null;
            if (entity is null)
            {
                return Problem(Reply.NotFound(NotFound(id)));
            }

            found.Add(ReferenceTo(entity));
        }

        return Found(found);
    }
}
