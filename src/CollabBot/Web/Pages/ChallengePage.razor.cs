using CollabBot.Core.Challenges;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Challenges;
using Microsoft.AspNetCore.Components;

namespace CollabBot.Web.Pages;

public sealed partial class ChallengePage
{
    /// <summary>What the page shows: the challenge, its metrics, its board (public part while open, private once closed) and the progress plot as SVG.</summary>
    public sealed record View(Challenge Challenge, IReadOnlyList<Metric> Metrics, ChallengeBoard Board, string Svg);

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    private Challenge C => Model.Challenge;

    public static async Task<IResult> HandleAsync(string slug, CollabBotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var c = await Challenges.LoadAsync(db, slug, cancellationToken);
        if (c is null)
        {
            return await NotFoundPage.ForAsync(NotFoundPage.Challenges, slug, db.Challenges.Select(x => x.Slug), cancellationToken);
        }

        var board = await ChallengeBoard.LoadAsync(db, c, ChallengeBoard.DefaultPart(c), cancellationToken);
        return Dashboard.Page<ChallengePage>(new { Model = new View(c, ChallengeRules.Metrics(c), board, ChallengePlot.Svg(board, clock.GetUtcNow())) });
    }

    /// <summary>The plot is ScottPlot's SVG; no user text is drawn in it (see <see cref="ChallengePlot"/>).</summary>
    private MarkupString Plot => new(Model.Svg);

    private static string Better(Metric metric) => metric.Direction == MetricDirection.HigherIsBetter ? "higher is better" : "lower is better";
}
