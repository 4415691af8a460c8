using System.Text.Json;
using CollabBot.Core.Challenges;
using CollabBot.Core.Tests.Docs;

namespace CollabBot.Core.Tests.Challenges;

/// <summary>
/// Every metric against values scikit-learn 1.2.1 / numpy 1.24.2 computed (Fixtures/make_fixtures.py wrote
/// Fixtures/metrics.json): each case goes the whole way, truth CSV → <see cref="Truth.TryLoad"/> → submission CSV →
/// <see cref="Truth.TryScore"/>, on all rows (public fraction 1) and on the case's own public/private split.
/// </summary>
public sealed class MetricFixtureTests
{
    private const double Tolerance = 1e-9;

    private static readonly JsonDocument Fixtures = JsonDocument.Parse(
        File.ReadAllText(RepoFiles.Path("tests", "CollabBot.Core.Tests", "Challenges", "Fixtures", "metrics.json")));

    public static TheoryData<string> CaseNames =>
        [.. Fixtures.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Fact]
    public void Fixtures_Versions_AreRecordedAndCoverEveryMetric()
    {
        var root = Fixtures.RootElement;
        Assert.Equal("1.2.1", root.GetProperty("sklearn").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("numpy").GetString()));
        Assert.Equal(MetricMath.Epsilon, root.GetProperty("epsilon").GetDouble());

        var covered = root.GetProperty("cases").EnumerateArray()
            .SelectMany(c => c.GetProperty("metrics").EnumerateArray().Select(m => Parse(m.GetString()!).Kind))
            .ToHashSet();
        Assert.Equal(Enum.GetValues<MetricKind>().ToHashSet(), covered);
        Assert.True(CaseNames.Count >= 30);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Score_FixtureCase_AgreesWithScikitLearnOnAllRowsAndOnEachPart(string name)
    {
        var c = Case(name);
        var metrics = c.GetProperty("metrics").EnumerateArray().Select(m => Parse(m.GetString()!)).ToArray();
        var seed = Convert.FromHexString(c.GetProperty("seed").GetString()!);
        var fraction = c.GetProperty("public_fraction").GetDouble();
        var (truthCsv, submissionCsv) = Files(c);

        var whole = ChallengeFiles.LoadTruth(truthCsv, new TruthSetup(metrics, seed, 1.0));
        var split = ChallengeFiles.LoadTruth(truthCsv, new TruthSetup(metrics, seed, fraction));
        var all = ChallengeFiles.Score(whole, submissionCsv);
        var parts = ChallengeFiles.Score(split, submissionCsv);

        Assert.Equal(c.GetProperty("ids").GetArrayLength(), all.RowCount);
        Assert.Equal(c.GetProperty("public_mask").GetString()!.Count(ch => ch == '1'), split.PublicRowCount);
        for (var m = 0; m < metrics.Length; m++)
        {
            var expected = c.GetProperty("expected").GetProperty(metrics[m].Name);
            Assert.Equal(metrics[m], all.Scores[m].Metric);
            Assert.Null(all.Scores[m].Private);
            AssertClose(Expected(expected.GetProperty("all")), all.Scores[m].Public, $"{name}: {metrics[m]} on all rows");
            AssertClose(Expected(expected.GetProperty("public")), parts.Scores[m].Public, $"{name}: {metrics[m]} public");
            AssertClose(Expected(expected.GetProperty("private")), parts.Scores[m].Private, $"{name}: {metrics[m]} private");
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void PublicSplit_FixtureCase_MatchesTheIndependentPythonSplit(string name)
    {
        var c = Case(name);
        var ids = c.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).ToArray();
        var seed = Convert.FromHexString(c.GetProperty("seed").GetString()!);

        var mask = PublicSplit.Assign(ids, seed, c.GetProperty("public_fraction").GetDouble(), TestContext.Current.CancellationToken);

        Assert.Equal(c.GetProperty("public_mask").GetString(), string.Concat(mask.Select(p => p ? '1' : '0')));
    }

    [Fact]
    public void Score_RejectionWithZeroBackgroundEfficiency_IsPositiveInfinityShownAsInfinity()
    {
        var c = Case("binary separable: rejection infinite at every E");
        var (truthCsv, submissionCsv) = Files(c);
        var truth = ChallengeFiles.LoadTruth(truthCsv, ChallengeFiles.Setup(1.0, Metric.Rejection(0.3), Metric.Auc));

        var score = ChallengeFiles.Score(truth, submissionCsv);

        Assert.Equal(double.PositiveInfinity, score.Primary.Public);
        Assert.Equal("∞", Metric.Format(score.Primary.Public!.Value));
        Assert.True(Metric.Rejection(0.3).IsBetter(double.PositiveInfinity, 1e12));
        Assert.Equal(1.0, score.Scores[1].Public);
    }

    private static JsonElement Case(string name) =>
        Fixtures.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static Metric Parse(string name)
    {
        Assert.True(Metric.TryParse(name, out var metric, out var error), error);
        return metric;
    }

    /// <summary>The truth (id,label) and submission (id,score or id,&lt;class&gt;…) of a case, rows of the submission in reverse order.</summary>
    private static (string Truth, string Submission) Files(JsonElement c)
    {
        var ids = c.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).ToArray();
        var kind = c.GetProperty("kind").GetString();
        var labels = c.GetProperty("labels").EnumerateArray().Select(l => kind switch
        {
            "binary" => l.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "regression" => ChallengeFiles.R(l.GetDouble()),
            _ => l.GetString()!,
        }).ToArray();
        var truth = ChallengeFiles.Csv(["id", "label"], ids.Select((id, r) => new[] { id, labels[r] }));

        var scores = c.GetProperty("scores").EnumerateArray().ToArray();
        string[] header = kind == "multiclass"
            ? ["id", .. c.GetProperty("columns").EnumerateArray().Select(col => col.GetString()!)]
            : ["id", "score"];
        var rows = ids.Select((id, r) => kind == "multiclass"
                ? [id, .. scores[r].EnumerateArray().Select(v => ChallengeFiles.R(v.GetDouble()))]
                : new[] { id, ChallengeFiles.R(scores[r].GetDouble()) })
            .Reverse();
        return (truth, ChallengeFiles.Csv(header, rows));
    }

    private static double? Expected(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String when value.GetString() == "Infinity" => double.PositiveInfinity,
        _ => value.GetDouble(),
    };

    private static void AssertClose(double? expected, double? actual, string what)
    {
        if (expected is null || actual is null || double.IsInfinity(expected.Value) || expected.Value == 0)
        {
            Assert.True(expected == actual, $"{what}: expected {expected?.ToString("R")}, got {actual?.ToString("R")}");
            return;
        }

        var relative = Math.Abs(actual.Value - expected.Value) / Math.Abs(expected.Value);
        Assert.True(relative <= Tolerance, $"{what}: expected {expected.Value:R}, got {actual.Value:R} (relative difference {relative:E2})");
    }
}
