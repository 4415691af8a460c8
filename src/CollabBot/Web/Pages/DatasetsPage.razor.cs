using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web.Pages;

public sealed partial class DatasetsPage
{
    /// <summary>Every dataset, with its group and versions, by group and slug.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<Dataset> Datasets { get; set; } = [];

    public static async Task<IResult> HandleAsync(CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var datasets = await db.Datasets.AsNoTracking().Include(d => d.Group).Include(d => d.Versions)
            .OrderBy(d => d.Group.Slug).ThenBy(d => d.Slug)
            .ToListAsync(cancellationToken);
        return Dashboard.Page<DatasetsPage>(new { Datasets = datasets });
    }
}
