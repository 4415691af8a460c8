using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web.Pages;

public sealed partial class ChallengesPage
{
    /// <summary>A challenge with its number of scored submissions.</summary>
    public sealed record Row(Challenge Challenge, int Scored);

    /// <summary>Open challenges first, then drafts, then closed ones; by slug within each.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<Row> Rows { get; set; } = [];

    public static async Task<IResult> HandleAsync(CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var challenges = await db.Challenges.AsNoTracking().Include(c => c.Dataset).ThenInclude(d => d.Group).ToListAsync(cancellationToken);
        var counts = await db.ChallengeSubmissions.AsNoTracking().Where(s => s.State == SubmissionState.Scored)
            .GroupBy(s => s.ChallengeId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var rows = challenges
            .OrderBy(c => c.State == ChallengeState.Open ? 0 : c.State == ChallengeState.Draft ? 1 : 2).ThenBy(c => c.Slug, StringComparer.Ordinal)
            .Select(c => new Row(c, counts.GetValueOrDefault(c.Id)))
            .ToList();
        return Dashboard.Page<ChallengesPage>(new { Rows = rows });
    }
}
