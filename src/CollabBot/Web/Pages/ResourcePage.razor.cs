using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web.Pages;

public sealed partial class ResourcePage
{
    public sealed record View(Resource Resource, int Stars, IReadOnlyList<WorkingGroup> StartsHere);

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    private Resource R => Model.Resource;

    /// <summary>GET /resources/{id}: <c>42</c> or <c>#42</c> (as <c>%2342</c>); retired resources too, marked so.</summary>
    public static async Task<IResult> HandleAsync(string id, CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var resource = ResourceKeys.TryParseRef(id, out var number) ? await new ResourceLibrary(db).FindAsync(number, cancellationToken) : null;
        if (resource is null)
        {
            return await NotFoundPage.ForAsync(NotFoundPage.Resources, id.Length > 40 ? id[..40] : id, db.Resources.Where(r => false).Select(r => r.Title), cancellationToken);
        }

        var stars = await db.ResourceStars.CountAsync(s => s.ResourceId == resource.Id && s.UnstarredAt == null, cancellationToken);
        var paths = await db.StartHereSteps.AsNoTracking().Where(s => s.ResourceId == resource.Id && s.RemovedAt == null).Select(s => s.Group).Distinct().ToListAsync(cancellationToken);
        return Dashboard.Page<ResourcePage>(new { Model = new View(resource, stars, paths) });
    }
}
