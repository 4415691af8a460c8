using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

/// <summary>A <c>project</c> argument: the project with its group, or a not-found reply that suggests the closest slug.</summary>
public sealed class ProjectReference : SlugReferenceResolver<Project>
{
    public override OptionType Type => OptionType.Project;

    protected override string Noun => "project";

    protected override string ListCommand => "/credit projects";

    protected override Task<Project?> FindAsync(CollabBotDbContext db, string slug, CancellationToken cancellationToken) =>
        db.Projects.Include(p => p.Group).FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);

    protected override IQueryable<string> Slugs(CollabBotDbContext db) => db.Projects.Select(p => p.Slug);

    protected override Reference ReferenceTo(Project project) => new(project, project.Group, project.Slug);
}
