using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Resources;

/// <summary>
/// A <c>resource</c> argument, <c>#42</c> or <c>42</c>: the resource (retired ones too) with its groups and link
/// state. Its group is the first it joined, whose conveners look after it; a resource of no group has none, and then
/// only whoever added it and admins act on it as owners. It belongs to whoever added it.
/// </summary>
public sealed class ResourceReference : ReferenceResolver
{
    public override OptionType Type => OptionType.Resource;

    public override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var id in values.Cast<long>().Distinct())
        {
            var resource = id is > 0 and <= int.MaxValue ? await new ResourceLibrary(db).FindAsync((int)id, cancellationToken) : null;
            if (resource is null)
            {
                return Problem(Reply.NotFound($"There is no resource #{id}. /resource search <words> finds one by its title, and shows its number."));
            }

            found.Add(new Reference(resource, FirstGroup(resource), resource.Ref)
            {
                Owners = resource.AddedByPersonId is { } adder ? [adder] : [],
                OwnersDescription = $"the person who added {resource.Ref}",
            });
        }

        return Found(found);
    }

    /// <summary>The group whose conveners look after a resource: the first it joined.</summary>
    public static WorkingGroup? FirstGroup(Resource resource) =>
        resource.Groups.OrderBy(g => g.AddedAt).ThenBy(g => g.GroupId).FirstOrDefault()?.Group;
}
