using CollabBot.Core.Challenges;
using static CollabBot.Core.Tests.Challenges.ChallengeFiles;

namespace CollabBot.Core.Tests.Challenges;

public sealed class PublicSplitTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 1000).Select(i => $"ev{i:D5}")];

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 500)]
    [InlineData(0.3, 300)]
    [InlineData(0.1234, 123)]
    [InlineData(0.0005, 1)]
    [InlineData(0.0004, 0)]
    [InlineData(1.0, 1000)]
    public void Assign_Fraction_GivesExactlyTheRoundedCount(double fraction, int expected)
    {
        Assert.Equal(expected, PublicSplit.Assign(Ids, Seed, fraction, TestContext.Current.CancellationToken).Count(p => p));
    }

    [Fact]
    public void Assign_SameSeed_SameSplitWhateverTheRowOrder()
    {
        var shuffled = Ids.Reverse().ToArray();

        var first = Public(Ids, Seed, 0.4);
        var second = Public(shuffled, Seed, 0.4);

        Assert.Equal(first.Order(StringComparer.Ordinal), second.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Assign_OtherSeed_OtherSplit()
    {
        var a = Public(Ids, Seed, 0.5);
        var b = Public(Ids, [.. Seed.Reverse()], 0.5);

        var overlap = a.Intersect(b).Count();
        Assert.InRange(overlap, 150, 350);
    }

    [Fact]
    public void Assign_LargerFraction_KeepsThePublicIdsOfTheSmallerOne()
    {
        var small = Public(Ids, Seed, 0.2);
        var large = Public(Ids, Seed, 0.6);

        Assert.Subset(large.ToHashSet(), small.ToHashSet());
    }

    [Fact]
    public void TryScore_PublicAndPrivateParts_ScoreOnlyTheirOwnRows()
    {
        // Every public row predicted right, every private row wrong: public accuracy 1, private 0.
        var ids = Ids[..200];
        var labels = ids.Select((_, i) => i % 2).ToArray();
        var truth = LoadTruth(Csv(["id", "label"], ids.Select((id, i) => new[] { id, labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture) })),
            Setup(0.25, Metric.Accuracy, Metric.Auc));
        var isPublic = PublicSplit.Assign(ids, Seed, 0.25, TestContext.Current.CancellationToken);
        var submission = Csv(["id", "score"], ids.Select((id, i) => new[] { id, R(isPublic[i] == (labels[i] == 1) ? 0.9 : 0.1) }));

        var score = Score(truth, submission);

        Assert.Equal(50, truth.PublicRowCount);
        Assert.Equal(150, truth.PrivateRowCount);
        Assert.Equal(1.0, score.Primary.Public);
        Assert.Equal(0.0, score.Primary.Private);
        Assert.Equal(1.0, score.Scores[1].Public);
        Assert.Equal(0.0, score.Scores[1].Private);
    }

    [Fact]
    public void TryScore_PublicFractionZero_OnlyPrivateScores()
    {
        var truth = LoadTruth("id,label\na,1\nb,0\n", Setup(0, Metric.Auc));

        var score = Score(truth, "id,score\na,0.7\nb,0.2\n");

        Assert.Null(score.Primary.Public);
        Assert.Equal(1.0, score.Primary.Private);
    }

    private static string[] Public(string[] ids, byte[] seed, double fraction)
    {
        var mask = PublicSplit.Assign(ids, seed, fraction, TestContext.Current.CancellationToken);
        return [.. ids.Where((_, i) => mask[i])];
    }
}
