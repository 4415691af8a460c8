using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Features.Credit;

/// <summary>A <c>project</c> argument: the project with its group, or a not-found reply that suggests the closest slug.</summary>
public sealed class ProjectReference : ReferenceResolver
{
    public override OptionType Type => OptionType.Project;

    public override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var slug in values.Cast<string>().Distinct(StringComparer.Ordinal))
        {
            var project = await db.Projects.Include(p => p.Group).FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
            if (project is null)
            {
                var slugs = await db.Projects.Select(p => p.Slug).ToListAsync(cancellationToken);
                return Problem(Reply.NotFound($"There is no project '{Clip(slug, 40)}'{Suggest.DidYouMean(slug, slugs)}. /credit projects shows them all."));
            }

            found.Add(new Reference(project, project.Group, project.Slug));
        }

        return Found(found);
    }
}
