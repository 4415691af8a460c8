using System.Reflection;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Commands;

/// <summary>
/// What a reference argument named, as the dispatcher resolved it: the entity (a group, a meeting series, a talk…),
/// the working group whose rules govern it, how to name it in a sentence, and who owns it (for <see cref="Who.Owner"/>).
/// A thing may belong to no group (a library resource of no group): <see cref="Group"/> is then null, and only its
/// owners and admins act on it as owners.
/// </summary>
public sealed record Reference(object Entity, WorkingGroup? Group, string Label)
{
    /// <summary>The argument or option that named it; set by the dispatcher.</summary>
    public string Option { get; init; } = "";

    /// <summary>People who may act on it as its owners (<see cref="Who.Owner"/>), e.g. whoever added a talk and its speaker.</summary>
    public IReadOnlyCollection<int> Owners { get; init; } = [];

    /// <summary>Those owners in words, for a refusal: "the person who added talk 12 or its speaker".</summary>
    public string OwnersDescription { get; init; } = "whoever it belongs to";

    /// <summary>People it asks something of (<see cref="Who.Addressee"/>), e.g. whom a duty swap asks to take a turn; only they answer it.</summary>
    public IReadOnlyCollection<int> Addressees { get; init; } = [];

    /// <summary>Those people in words, for a refusal: "Ingrid Halvorsen, whom swap #3 asks,".</summary>
    public string AddresseesDescription { get; init; } = "whoever it asks";

    /// <summary>True when the reference is the group itself (a <c>wg</c> argument), not something that belongs to one.</summary>
    public bool IsGroup => Group is not null && ReferenceEquals(Entity, Group);
}

/// <summary>
/// Finds what one type of reference argument names, and the group it belongs to. There is one per reference type
/// (<c>wg</c>, <c>meeting</c>, <c>project</c>, <c>dataset</c>, <c>talk</c>, <c>contribution</c>…), found by
/// <see cref="ReferenceResolvers"/>; a new reference type needs only a new subclass beside its feature. The dispatcher
/// resolves every reference argument through these before it applies <c>who:</c>, so handlers receive the entities
/// through <see cref="CommandContext"/> and never look them up or check permissions again.
/// </summary>
public abstract class ReferenceResolver
{
    public abstract OptionType Type { get; }

    /// <summary>
    /// The entities the values name (one value, or several for a repeatable argument), in the order given and each once,
    /// or a reply that says which is not there (suggesting the closest where it can) or is not written as one.
    /// </summary>
    public abstract Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken);

    protected static (IReadOnlyList<Reference> Found, Reply? Problem) Found(params IReadOnlyList<Reference> found) => (found, null);

    protected static (IReadOnlyList<Reference> Found, Reply? Problem) Problem(Reply reply) => ([], reply);
}

/// <summary>The reference resolvers by argument type: every concrete <see cref="ReferenceResolver"/> in the given assemblies.</summary>
public sealed class ReferenceResolvers
{
    private readonly Dictionary<OptionType, ReferenceResolver> byType = [];

    public ReferenceResolvers(IEnumerable<Assembly> assemblies)
    {
        var types = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ReferenceResolver).IsAssignableFrom(t));
        foreach (var type in types)
        {
            var resolver = (ReferenceResolver)Activator.CreateInstance(type)!;
            if (!byType.TryAdd(resolver.Type, resolver))
            {
                throw new InvalidOperationException($"Two reference resolvers for '{resolver.Type}': {byType[resolver.Type].GetType().Name} and {type.Name}.");
            }
        }
    }

    public static ReferenceResolvers Default { get; } = new([typeof(ReferenceResolvers).Assembly]);

    public IReadOnlyCollection<OptionType> Types => byType.Keys;

    public ReferenceResolver? For(OptionType type) => byType.GetValueOrDefault(type);
}
