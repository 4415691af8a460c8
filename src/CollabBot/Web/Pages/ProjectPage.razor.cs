using CollabBot.Core;
using CollabBot.Core.Authors;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Web.Pages;

public sealed partial class ProjectPage
{
    /// <summary>What the project page shows: its author list and how many contributions are confirmed and pending.</summary>
    public sealed record View(AuthorList List, int Confirmed, int Pending);

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    private AuthorList List => Model.List;

    private ProjectInfo Project => Model.List.Project;

    public static async Task<IResult> HandleAsync(string slug, CollabBotDbContext db, IOptionsMonitor<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        slug = slug.ToLowerInvariant();
        var list = await Projects.LoadAsync(db, slug, new AuthorListOptions(), bot.CurrentValue, clock, cancellationToken);
        if (list is null)
        {
            return await NotFoundPage.ForAsync(NotFoundPage.Projects, slug, db.Projects.Select(p => p.Slug), cancellationToken);
        }

        var counts = await db.Contributions.Where(c => c.Project.Slug == slug)
            .GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(ContributionStatus status) => counts.FirstOrDefault(c => c.Key == status)?.Count ?? 0;
        return Dashboard.Page<ProjectPage>(new { Model = new View(list, Count(ContributionStatus.Confirmed), Count(ContributionStatus.Pending)) });
    }
}
