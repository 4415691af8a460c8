using System.Text;
using System.Text.Json;
using CollabBot.Core.Data;
using CollabBot.Core.Datasets;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Challenges;
using CollabBot.Core.Features.Datasets;
using CollabBot.Core.Values;
using CollabBot.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web;

/// <summary>
/// A challenge's files: <c>GET /challenges/{slug}/board.csv|json|md|tex</c> and <c>/challenges/{slug}/progress.png</c>.
/// All are built from the board (scored submissions, baselines, target), never from the truth; private scores only
/// once the challenge is closed. The pages are <see cref="Pages.ChallengesPage"/> and <see cref="Pages.ChallengePage"/>.
/// </summary>
public static class Challenges
{
    public static void MapChallenges(this WebApplication app)
    {
        app.MapGet("/challenges/{slug}/{file}", FileAsync);
    }

    /// <summary>The challenge with what pages, exports and the API show (dataset, group, version, baselines), or null.</summary>
    public static Task<Challenge?> LoadAsync(CollabBotDbContext db, string slug, CancellationToken cancellationToken) =>
        db.Challenges.AsNoTracking()
            .Include(c => c.Dataset).ThenInclude(d => d.Group)
            .Include(c => c.Dataset).ThenInclude(d => d.Versions)
            .Include(c => c.DatasetVersion)
            .Include(c => c.Baselines)
            .FirstOrDefaultAsync(c => c.Slug == slug.ToLowerInvariant(), cancellationToken);

    /// <summary>The dataset's BibTeX entry, for the version the challenge names (else the latest).</summary>
    public static async Task<string> BibTeXAsync(CollabBotDbContext db, Challenge challenge, CancellationToken cancellationToken)
    {
        var dataset = challenge.Dataset;
        var authors = await CitationAuthors.ForAsync(db, dataset, cancellationToken);
        return Citations.BibTeX(DatasetCite.Input(dataset, challenge.DatasetVersion ?? DatasetRefs.Latest(dataset.Versions), authors.Authors));
    }

    private static async Task<IResult> FileAsync(string slug, string file, HttpContext http, CollabBotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var challenge = await LoadAsync(db, slug, cancellationToken);
        if (challenge is null)
        {
            var suggestion = Suggest.Closest(slug, await db.Challenges.Select(c => c.Slug).ToListAsync(cancellationToken));
            return Results.Text($"There is no challenge '{Clip(slug)}'.{(suggestion is null ? "" : $" Did you mean {suggestion}?")}", "text/plain; charset=utf-8", statusCode: 404);
        }

        var board = await ChallengeBoard.LoadAsync(db, challenge, ChallengeBoard.DefaultPart(challenge), cancellationToken);
        http.Response.Headers.CacheControl = "no-cache";
        if (file == "progress.png")
        {
            return Results.Bytes(ChallengePlot.Png(board, clock.GetUtcNow()), "image/png");
        }

        var extension = file.StartsWith("board.", StringComparison.Ordinal) ? file["board.".Length..] : null;
        if (extension is null || !ChallengeExports.Extensions.Contains(extension))
        {
            return Results.Text($"'{Clip(file)}' is not a file of a challenge. Use board.csv, board.json, board.md, board.tex or progress.png.", "text/plain; charset=utf-8", statusCode: 404);
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{challenge.Slug}-board.{extension}\"";
        return extension switch
        {
            "csv" => Results.Text(ChallengeExports.Csv(board), "text/csv; charset=utf-8", Encoding.UTF8),
            "md" => Results.Text(ChallengeExports.Markdown(board), "text/markdown; charset=utf-8", Encoding.UTF8),
            "tex" => Results.Text(ChallengeExports.Latex(board, await BibTeXAsync(db, challenge, cancellationToken)), "application/x-tex; charset=utf-8", Encoding.UTF8),
            _ => Results.Text(JsonSerializer.Serialize(ChallengesApi.Board(board), ChallengesApi.Json), "application/json; charset=utf-8", Encoding.UTF8),
        };
    }

    private static string Clip(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
