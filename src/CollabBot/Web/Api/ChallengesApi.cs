using System.Text.Json;
using System.Text.Json.Serialization;
using CollabBot.Core.Challenges;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Challenges;
using CollabBot.Core.Values;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web.Api;

/// <summary>
/// <c>GET /api/v1/challenges[?dataset=]</c>, <c>/challenges/{slug}</c> and <c>/challenges/{slug}/board</c>: what the
/// challenge pages show. Never the truth: only its SHA-256 and row counts. Scores are JSON numbers at full double
/// precision; an infinite <c>rejection@E</c> (ε_B = 0) is the string <c>"Infinity"</c>, the one value JSON has no number for.
/// </summary>
public static class ChallengesApi
{
    /// <summary>For <c>board.json</c>, written outside the API pipeline: the API's own conventions (camelCase).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapChallengesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/challenges", ListAsync)
            .WithName("listChallenges")
            .WithSummary("Every challenge with its dataset, state, primary metric, dates and number of scored submissions; or one dataset's (dataset).")
            .WithTags("Challenges")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/challenges/{slug}", GetAsync)
            .WithName("getChallenge")
            .WithSummary("One challenge: rules, metrics, dates, baselines, target, the truth's SHA-256 and row counts, and its board.")
            .WithTags("Challenges")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/challenges/{slug}/board", BoardAsync)
            .WithName("getChallengeBoard")
            .WithSummary("A challenge's board: each participant's or team's best, on the public part while open and the private part once closed.")
            .WithTags("Challenges")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<ChallengeList>, ProblemHttpResult>> ListAsync(CollabBotDbContext db, string? dataset, CancellationToken cancellationToken)
    {
        var query = db.Challenges.AsNoTracking().Include(c => c.Dataset).ThenInclude(d => d.Group).AsQueryable();
        if (dataset is { Length: > 0 })
        {
            var d = await db.Datasets.AsNoTracking().FirstOrDefaultAsync(x => x.Slug == dataset.ToLowerInvariant(), cancellationToken);
            if (d is null)
            {
                var slugs = await db.Datasets.Select(x => x.Slug).ToListAsync(cancellationToken);
                return ApiV1.NotFound($"There is no dataset '{dataset}'{Suggest.DidYouMean(dataset, slugs)}.");
            }

            query = query.Where(c => c.DatasetId == d.Id);
        }

        var challenges = await query.OrderBy(c => c.Slug).ToListAsync(cancellationToken);
        var counts = await db.ChallengeSubmissions.AsNoTracking().Where(s => s.State == SubmissionState.Scored)
            .GroupBy(s => s.ChallengeId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return TypedResults.Ok(new ChallengeList([.. challenges.Select(c => Summary(c, counts.GetValueOrDefault(c.Id)))]));
    }

    public static async Task<Results<Ok<ChallengeDetail>, ProblemHttpResult>> GetAsync(string slug, CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var c = await Challenges.LoadAsync(db, slug, cancellationToken);
        if (c is null)
        {
            return await NotFoundAsync(slug, db, cancellationToken);
        }

        var board = await ChallengeBoard.LoadAsync(db, c, ChallengeBoard.DefaultPart(c), cancellationToken);
        var metrics = ChallengeRules.Metrics(c);
        return TypedResults.Ok(new ChallengeDetail(
            c.Slug,
            c.Title,
            c.Description,
            c.Task,
            new ApiChallengeDataset(c.Dataset.Slug, c.Dataset.Title, c.DatasetVersion?.Name, new ApiGroupRef(c.Dataset.Group.Slug, c.Dataset.Group.Name)),
            ChallengeText.State(c.State),
            [.. metrics.Select(m => new ApiMetric(m.Name, m.Direction == MetricDirection.HigherIsBetter ? "higher" : "lower"))],
            c.PublicFraction,
            c.OpensAt,
            c.ClosesAt,
            c.OpenedAt,
            c.ClosedAt,
            c.DailyLimit,
            c.WhoMaySubmit == SubmissionPolicy.Members ? "members" : "anyone",
            c.Target,
            c.TruthSha256 is null ? null : new ApiTruth(c.TruthSha256, c.TruthRows ?? 0, c.TruthPublicRows ?? 0),
            Board(board),
            Links(c)));
    }

    public static async Task<Results<Ok<ApiChallengeBoard>, ProblemHttpResult>> BoardAsync(string slug, CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var c = await Challenges.LoadAsync(db, slug, cancellationToken);
        if (c is null)
        {
            return await NotFoundAsync(slug, db, cancellationToken);
        }

        return TypedResults.Ok(Board(await ChallengeBoard.LoadAsync(db, c, ChallengeBoard.DefaultPart(c), cancellationToken)));
    }

    /// <summary>The board as the API and <c>board.json</c> give it.</summary>
    public static ApiChallengeBoard Board(ChallengeBoard board) => new(
        board.Challenge.Slug,
        ChallengeText.Part(board.Part),
        board.Metric.Name,
        board.Metric.Direction == MetricDirection.HigherIsBetter ? "higher" : "lower",
        [.. board.Entries.Select(e => new ApiBoardEntry(
            e.Rank,
            e.Name,
            e.Best.TeamId is not null,
            e.Score,
            e.Best.Method,
            e.Best.TimePerEventMs,
            e.Submissions,
            e.Best.CreatedAt,
            Html.SafeUrl(e.Best.CodeUrl),
            Html.SafeUrl(e.Best.PaperUrl)))],
        [.. board.Challenge.Baselines.OrderBy(b => b.Id).Select(b => new ApiBaseline(b.Method, b.Score, Html.SafeUrl(b.Url)))],
        board.Challenge.Target);

    private static async Task<ProblemHttpResult> NotFoundAsync(string slug, CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var slugs = await db.Challenges.Select(x => x.Slug).ToListAsync(cancellationToken);
        return ApiV1.NotFound($"There is no challenge '{slug}'{Suggest.DidYouMean(slug, slugs)}.");
    }

    private static ChallengeSummary Summary(Challenge c, int scored) => new(
        c.Slug, c.Title, c.Dataset.Slug, new ApiGroupRef(c.Dataset.Group.Slug, c.Dataset.Group.Name), ChallengeText.State(c.State), c.PrimaryMetric, c.OpensAt, c.ClosesAt, scored, Links(c));

    private static ChallengeLinks Links(Challenge c) => new(
        $"/challenges/{c.Slug}", $"{ApiV1.Prefix}/challenges/{c.Slug}", $"{ApiV1.Prefix}/challenges/{c.Slug}/board", $"/challenges/{c.Slug}/progress.png",
        $"/challenges/{c.Slug}/board.csv", $"{ApiV1.Prefix}/datasets/{c.Dataset.Slug}");
}

/// <summary><c>{"challenges":[…]}</c>.</summary>
public sealed record ChallengeList(IReadOnlyList<ChallengeSummary> Challenges);

public sealed record ChallengeSummary(string Slug, string Title, string Dataset, ApiGroupRef Group, string State, string PrimaryMetric,
    DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, int ScoredSubmissions, ChallengeLinks Links);

public sealed record ChallengeDetail(
    string Slug,
    string Title,
    string? Description,
    string? Task,
    ApiChallengeDataset Dataset,
    string State,
    IReadOnlyList<ApiMetric> Metrics,
    double PublicFraction,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt,
    int DailyLimit,
    string WhoMaySubmit,
    double? Target,
    ApiTruth? Truth,
    ApiChallengeBoard Board,
    ChallengeLinks Links);

public sealed record ApiChallengeDataset(string Slug, string Title, string? Version, ApiGroupRef Group);

/// <summary>A metric by its canonical name, and which way is better (<c>higher</c> or <c>lower</c>).</summary>
public sealed record ApiMetric(string Name, string Better);

/// <summary>The hidden truth's fingerprint: anyone can check later that it did not change. Never its rows.</summary>
public sealed record ApiTruth(string Sha256, int Rows, int PublicRows);

/// <summary>The board: <c>part</c> is <c>public</c> while the challenge is open, <c>private</c> once it is closed.</summary>
public sealed record ApiChallengeBoard(string Challenge, string Part, string Metric, string Better, IReadOnlyList<ApiBoardEntry> Entries,
    IReadOnlyList<ApiBaseline> Baselines, double? Target);

public sealed record ApiBoardEntry(
    int Rank,
    string Participant,
    bool Team,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Score,
    string? Method,
    double? TimePerEventMs,
    int Submissions,
    DateTimeOffset SubmittedAt,
    string? CodeUrl,
    string? PaperUrl);

public sealed record ApiBaseline(string Method, double Score, string? Url);

public sealed record ChallengeLinks(string Page, string Self, string Board, string ProgressPng, string BoardCsv, string Dataset);
