using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

/// <summary>A <c>wg</c> argument: the group with that slug, or a not-found reply that suggests the closest slug.</summary>
public sealed class GroupReference : SlugReferenceResolver<WorkingGroup>
{
    public override OptionType Type => OptionType.Wg;

    protected override string Noun => "working group";

    protected override string ListCommand => "/wg list";

    /// <summary>Read by every /wg command: compiled once (see <see cref="People"/>).</summary>
    private static readonly CompiledPerModel<Func<CollabBotDbContext, string, CancellationToken, Task<WorkingGroup?>>> BySlug = new(() =>
        EF.CompileAsyncQuery((CollabBotDbContext db, string slug, CancellationToken _) => db.Groups.FirstOrDefault(g => g.Slug == slug)));

    protected override Task<WorkingGroup?> FindAsync(CollabBotDbContext db, string slug, CancellationToken cancellationToken) =>
        BySlug.For(db)(db, slug, cancellationToken);

    protected override IQueryable<string> Slugs(CollabBotDbContext db) => db.Groups.Select(g => g.Slug);

    protected override Reference ReferenceTo(WorkingGroup group) => new(group, group, group.Slug);
}
