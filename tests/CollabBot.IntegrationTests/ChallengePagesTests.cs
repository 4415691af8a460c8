using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>
/// The challenge pages, board exports, progress plot and <c>/api/v1/challenges…</c> on the real host, on the demo
/// challenge of seeds/demo-challenges.yaml (open, a baseline, scored submissions). Every response is searched for
/// the hidden truth's rows and for the private scores, which an open challenge must not show.
/// </summary>
public sealed class ChallengePagesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private const string Slug = "calo-pid";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Paths => new(
        "/challenges", $"/challenges/{Slug}", $"/challenges/{Slug}/board.csv", $"/challenges/{Slug}/board.json", $"/challenges/{Slug}/board.md",
        $"/challenges/{Slug}/board.tex", "/api/v1/challenges", $"/api/v1/challenges/{Slug}", $"/api/v1/challenges/{Slug}/board", "/api/v1/openapi.json");

    [Theory]
    [InlineData("/challenges")]
    [InlineData($"/challenges/{Slug}")]
    [InlineData("/challenges/calo-pi")]
    public async Task Page_Any_IsAccessible(string path)
    {
        var page = await factory.CreateClient().GetAsync(path, Ct);

        PageShape.AssertAccessible(await page.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ChallengePage_ShowsRulesBoardTruthFingerprintAndPlot()
    {
        var (sha, rows) = await TruthFingerprintAsync();

        var page = await factory.CreateClient().GetStringAsync($"/challenges/{Slug}", Ct);

        var text = Html.Text(page);
        Assert.Contains(sha, text, StringComparison.Ordinal);
        Assert.Contains(rows.ToString(CultureInfo.InvariantCulture) + " rows", text, StringComparison.Ordinal);
        Assert.Contains("auc (higher is better, ranks)", text, StringComparison.Ordinal);
        var board = Html.Text(Html.Section(page, "Board (public part)"));
        Assert.Contains("Ingrid Halvorsen", board, StringComparison.Ordinal);
        Assert.Contains("GNN (EdgeConv)", board, StringComparison.Ordinal);
        Assert.Contains("Baseline: Cut on shower depth", board, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains(Html.Links(page), l => l.Href == $"/challenges/{Slug}/progress.png");
        Assert.Contains(Html.Links(Html.Section(page, "Board (public part)")), l => l.Href == "https://github.com/collab-demo/calo-gnn");
    }

    [Fact]
    public async Task ProgressPng_IsAPngImage()
    {
        using var response = await factory.CreateClient().GetAsync($"/challenges/{Slug}/progress.png", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Fact]
    public async Task BoardExports_HaveTheirFormatsAndFullPrecisionScores()
    {
        var client = factory.CreateClient();
        var scores = await PublicScoresAsync();

        var csv = await client.GetStringAsync($"/challenges/{Slug}/board.csv", Ct);
        Assert.StartsWith("rank,participant,team,score,metric,part,method,time_per_event_ms,submissions,submitted_at,code_url,paper_url\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(scores.Max().ToString("R", CultureInfo.InvariantCulture), csv, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/challenges/{Slug}/board.json", Ct));
        var entries = json.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(4, entries.Count);
        Assert.Equal(JsonValueKind.Number, entries[0].GetProperty("score").ValueKind);
        Assert.Equal(scores.Max(), entries[0].GetProperty("score").GetDouble());
        Assert.Equal("public", json.RootElement.GetProperty("part").GetString());

        var md = await client.GetStringAsync($"/challenges/{Slug}/board.md", Ct);
        Assert.Contains("| Rank | Participant | auc |", md, StringComparison.Ordinal);

        var tex = await client.GetStringAsync($"/challenges/{Slug}/board.tex", Ct);
        Assert.Contains("\\begin{tabular}{rllrrr}", tex, StringComparison.Ordinal);
        Assert.Contains("@misc{calo-showers-v1.1.0,", tex, StringComparison.Ordinal);
        Assert.Contains("\\cite{calo-showers-v1.1.0}", tex, StringComparison.Ordinal);
        Assert.Contains("GNN (EdgeConv)", tex, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_ListsAndDescribesTheChallengeWithItsBoardAndTruthFingerprint()
    {
        var client = factory.CreateClient();
        var (sha, rows) = await TruthFingerprintAsync();

        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/challenges", Ct));
        var summary = list.RootElement.GetProperty("challenges").EnumerateArray().Single(c => c.GetProperty("slug").GetString() == Slug);
        Assert.Equal("open", summary.GetProperty("state").GetString());
        Assert.Equal(5, summary.GetProperty("scoredSubmissions").GetInt32());

        using var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/challenges/{Slug}", Ct));
        var root = detail.RootElement;
        Assert.Equal(sha, root.GetProperty("truth").GetProperty("sha256").GetString());
        Assert.Equal(rows, root.GetProperty("truth").GetProperty("rows").GetInt32());
        Assert.Equal(["auc", "rejection@0.3"], root.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(0.8, root.GetProperty("board").GetProperty("baselines")[0].GetProperty("score").GetDouble());
        Assert.Equal(0.95, root.GetProperty("target").GetDouble());

        using var openApi = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json", Ct));
        var paths = openApi.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/challenges/{slug}/board", out _));
        Assert.True(paths.TryGetProperty("/api/v1/challenges/{slug}", out _));

        using var missing = await client.GetAsync("/api/v1/challenges/calo-pi", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("calo-pid", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFile_Is404NamingTheFiles()
    {
        using var response = await factory.CreateClient().GetAsync($"/challenges/{Slug}/truth.csv", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("board.csv, board.json, board.md, board.tex or progress.png", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Response_Any_HasNoTruthRowAndNoPrivateScoreWhileOpen(string path)
    {
        var truth = await QueryAsync(db => db.ChallengeTruths.Where(t => t.Challenge.Slug == Slug).Select(t => t.Content).SingleAsync(Ct));
        var privateScores = await QueryAsync(db => db.ChallengeSubmissions.Where(s => s.Challenge.Slug == Slug).Select(s => s.PrivateScore!.Value).ToListAsync(Ct));

        var body = await factory.CreateClient().GetStringAsync(path, Ct);

        var rows = Encoding.UTF8.GetString(truth).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.True(rows.Count > 1000);
        Assert.All(rows, row => Assert.DoesNotContain(row, body, StringComparison.Ordinal));
        Assert.All(privateScores, score =>
        {
            Assert.DoesNotContain(score.ToString("R", CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
            Assert.DoesNotContain(Core.Challenges.Metric.Format(score), body, StringComparison.Ordinal);
        });
    }

    private async Task<(string Sha, int Rows)> TruthFingerprintAsync() =>
        await QueryAsync(async db => await db.Challenges.Where(c => c.Slug == Slug).Select(c => new ValueTuple<string, int>(c.TruthSha256!, c.TruthRows!.Value)).SingleAsync(Ct));

    private Task<List<double>> PublicScoresAsync() =>
        QueryAsync(db => db.ChallengeSubmissions.Where(s => s.Challenge.Slug == Slug && s.State == SubmissionState.Scored).Select(s => s.PublicScore!.Value).ToListAsync(Ct));

    private async Task<T> QueryAsync<T>(Func<CollabBotDbContext, Task<T>> query)
    {
        _ = factory.CreateClient(); // the host (and its seeded database) starts with the first client
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>());
    }
}
