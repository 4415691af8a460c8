using CollabBot.Core.Challenges;

namespace CollabBot.Core.Tests.Challenges;

public sealed class MetricTests
{
    [Theory]
    [InlineData("auc", "auc", MetricDirection.HigherIsBetter)]
    [InlineData(" AUC ", "auc", MetricDirection.HigherIsBetter)]
    [InlineData("accuracy", "accuracy", MetricDirection.HigherIsBetter)]
    [InlineData("LogLoss", "logloss", MetricDirection.LowerIsBetter)]
    [InlineData("rmse", "rmse", MetricDirection.LowerIsBetter)]
    [InlineData("mae", "mae", MetricDirection.LowerIsBetter)]
    [InlineData("rejection@0.3", "rejection@0.3", MetricDirection.HigherIsBetter)]
    [InlineData("Rejection@0.30", "rejection@0.3", MetricDirection.HigherIsBetter)]
    [InlineData("rejection@3e-1", "rejection@0.3", MetricDirection.HigherIsBetter)]
    [InlineData("rejection@0.999", "rejection@0.999", MetricDirection.HigherIsBetter)]
    public void TryParse_ValidName_GivesCanonicalNameAndDirection(string text, string name, MetricDirection direction)
    {
        Assert.True(Metric.TryParse(text, out var metric, out var error), error);
        Assert.Equal(name, metric.Name);
        Assert.Equal(direction, metric.Direction);
    }

    [Fact]
    public void TryParse_SameRejectionWrittenTwoWays_GivesEqualMetrics()
    {
        Assert.True(Metric.TryParse("rejection@0.5", out var a, out _));
        Assert.True(Metric.TryParse("rejection@.50", out var b, out _));

        Assert.Equal(a, b);
        Assert.Equal(Metric.Rejection(0.5), a);
        Assert.Equal(0.5, a.SignalEfficiency);
        Assert.NotEqual(Metric.Rejection(0.3), a);
    }

    [Theory]
    [InlineData("f1")]
    [InlineData("roc_auc")]
    [InlineData("log_loss")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownName_ListsEveryValidName(string? text)
    {
        Assert.False(Metric.TryParse(text, out var metric, out var error));
        Assert.Null(metric);
        foreach (var name in new[] { "auc", "accuracy", "logloss", "rmse", "mae", "rejection@E" })
        {
            Assert.Contains(name, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("rejection@0")]
    [InlineData("rejection@1")]
    [InlineData("rejection@1.5")]
    [InlineData("rejection@-0.3")]
    [InlineData("rejection@")]
    [InlineData("rejection@abc")]
    [InlineData("rejection@NaN")]
    [InlineData("rejection@0,3")]
    public void TryParse_RejectionOutsideZeroToOne_SaysEMustBeBetweenZeroAndOne(string text)
    {
        Assert.False(Metric.TryParse(text, out _, out var error));
        Assert.Contains("strictly between 0 and 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_HostileText_IsShortenedAndMaskedInTheError()
    {
        Assert.False(Metric.TryParse("@everyone\n\u202Eevil" + new string('x', 500), out _, out var error));

        Assert.DoesNotContain("\n", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, error);
    }

    [Fact]
    public void Rejection_EfficiencyOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Metric.Rejection(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metric.Rejection(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metric.Rejection(double.NaN));
    }

    [Fact]
    public void IsBetter_EachDirection_PrefersTheRightSide()
    {
        Assert.True(Metric.Auc.IsBetter(0.9, 0.8));
        Assert.False(Metric.Auc.IsBetter(0.8, 0.8));
        Assert.True(Metric.LogLoss.IsBetter(0.2, 0.3));
        Assert.False(Metric.Rmse.IsBetter(0.3, 0.2));
        Assert.True(Metric.Rejection(0.3).IsBetter(double.PositiveInfinity, 1e300));
        Assert.False(Metric.Rejection(0.3).IsBetter(1e300, double.PositiveInfinity));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "∞")]
    [InlineData(0.912345678, "0.912346")]
    [InlineData(1234.5678, "1234.57")]
    [InlineData(1.0, "1")]
    public void Format_Value_SixSignificantDigitsAndInfinitySign(double value, string shown)
    {
        Assert.Equal(shown, Metric.Format(value));
    }

    [Fact]
    public void CheckTruth_AucOnOneClass_SaysWhichClassIsMissing()
    {
        var error = Metric.Auc.CheckTruth(new TruthShape("the truth", TaskKind.Binary, 10, 10, 0));

        Assert.Equal("auc cannot be computed on the truth: it has no rows with label 0, and a ROC curve needs both classes.", error);
        Assert.NotNull(Metric.Rejection(0.3).CheckTruth(new TruthShape("the truth", TaskKind.Binary, 10, 0, 0)));
    }

    [Fact]
    public void CheckTruth_ComputableCombinations_GiveNull()
    {
        var binary = new TruthShape("the truth", TaskKind.Binary, 10, 4, 0);
        var oneClass = new TruthShape("the truth", TaskKind.Binary, 10, 10, 0);
        var multi = new TruthShape("the truth", TaskKind.MultiClass, 10, 0, 3);
        var regression = new TruthShape("the truth", TaskKind.Regression, 10, 0, 0);

        Assert.All([Metric.Auc, Metric.Accuracy, Metric.LogLoss, Metric.Rmse, Metric.Mae, Metric.Rejection(0.3)], m => Assert.Null(m.CheckTruth(binary)));
        Assert.All([Metric.Accuracy, Metric.LogLoss, Metric.Rmse, Metric.Mae], m => Assert.Null(m.CheckTruth(oneClass)));
        Assert.All([Metric.Accuracy, Metric.LogLoss], m => Assert.Null(m.CheckTruth(multi)));
        Assert.All([Metric.Rmse, Metric.Mae], m => Assert.Null(m.CheckTruth(regression)));
    }

    [Fact]
    public void CheckTruth_MetricOnTheWrongKindOfTruth_ExplainsWhatItNeeds()
    {
        var multi = new TruthShape("the truth", TaskKind.MultiClass, 10, 0, 4);
        var regression = new TruthShape("the truth", TaskKind.Regression, 10, 0, 0);

        Assert.Equal("auc needs labels 0 and 1 (signal 1, background 0), but the truth has 4 classes (labels other than 0 and 1 make it a multi-class truth).",
            Metric.Auc.CheckTruth(multi));
        Assert.StartsWith("rmse needs numeric labels and one score per row", Metric.Rmse.CheckTruth(multi), StringComparison.Ordinal);
        Assert.StartsWith("rejection@0.3 needs labels 0 and 1", Metric.Rejection(0.3).CheckTruth(regression), StringComparison.Ordinal);
        Assert.StartsWith("accuracy needs class labels", Metric.Accuracy.CheckTruth(regression), StringComparison.Ordinal);
        Assert.Equal("logloss needs at least two classes, but the truth has a single distinct label.",
            Metric.LogLoss.CheckTruth(new TruthShape("the truth", TaskKind.MultiClass, 10, 0, 1)));
    }
}
