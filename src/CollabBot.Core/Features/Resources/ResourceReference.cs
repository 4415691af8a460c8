using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Resources;

/// <summary>
/// A <c>resource</c> argument, <c>#42</c> or <c>42</c>: the resource (retired ones too) with its groups and link
/// state. Its group is the first it joined, whose conveners look after it; a resource of no group has none, and then
/// only whoever added it and admins act on it as owners. It belongs to whoever added it.
/// </summary>
public sealed class ResourceReference : NumberReferenceResolver<Resource>
{
    public override OptionType Type => OptionType.Resource;

    protected override Task<Resource?> FindAsync(CollabBotDbContext db, int id, CancellationToken cancellationToken) =>
        new ResourceLibrary(db).FindAsync(id, cancellationToken);

    protected override string NotFound(long id) => $"There is no resource #{id}. /resource search <words> finds one by its title, and shows its number.";

    protected override Reference ReferenceTo(Resource resource) => new(resource, FirstGroup(resource), resource.Ref)
    {
        Owners = resource.AddedByPersonId is { } adder ? [adder] : [],
        OwnersDescription = $"the person who added {resource.Ref}",
    };

    /// <summary>The group whose conveners look after a resource: the first it joined.</summary>
    public static WorkingGroup? FirstGroup(Resource resource) =>
        resource.Groups.OrderBy(g => g.AddedAt).ThenBy(g => g.GroupId).FirstOrDefault()?.Group;
}
