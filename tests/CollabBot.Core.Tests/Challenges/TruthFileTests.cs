using System.Security.Cryptography;
using System.Text;
using CollabBot.Core.Challenges;
using static CollabBot.Core.Tests.Challenges.ChallengeFiles;

namespace CollabBot.Core.Tests.Challenges;

public sealed class TruthFileTests
{
    private const string Binary = "id,label\nev1,1\nev2,0\nev3,1\nev4,0\n";

    [Fact]
    public void TryLoad_BinaryTruth_GivesCountsHashKindAndSubmissionHeader()
    {
        var truth = LoadTruth(Binary, Setup(0.5, Metric.Auc, Metric.LogLoss));

        Assert.Equal(TaskKind.Binary, truth.Kind);
        Assert.Equal(4, truth.RowCount);
        Assert.Equal(2, truth.PublicRowCount);
        Assert.Equal(2, truth.PrivateRowCount);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Binary))), truth.Sha256);
        Assert.Equal("id,score", truth.SubmissionHeader);
        Assert.Equal([Metric.Auc, Metric.LogLoss], truth.Metrics);
    }

    [Fact]
    public void TryLoad_Sha256_IsOfTheBytesAsUploadedIncludingBomAndCrlf()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("ID , Label\r\n\"ev1\",1\r\nev2,0\r\n")).ToArray();

        Assert.True(Truth.TryLoad(new MemoryStream(bytes), Setup(1, Metric.Auc), Limit, out var truth, out var error, TestContext.Current.CancellationToken), error?.Message);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), truth.Sha256);
        Assert.Equal(2, truth.RowCount);
    }

    [Fact]
    public void TryLoad_ClassNamesWithClassifyingMetric_IsMultiClassWithSortedClassesInTheHeader()
    {
        var truth = LoadTruth("id,label\na,tau\nb,e\nc,mu\nd,e\n", Setup(1, Metric.Accuracy, Metric.LogLoss));

        Assert.Equal(TaskKind.MultiClass, truth.Kind);
        Assert.Equal("id,e,mu,tau", truth.SubmissionHeader);
    }

    [Fact]
    public void TryLoad_DigitLabelsBeyondOneWithAccuracy_IsMultiClass()
    {
        var truth = LoadTruth("id,label\na,0\nb,1\nc,2\n", Setup(1, Metric.Accuracy));

        Assert.Equal(TaskKind.MultiClass, truth.Kind);
        Assert.Equal("id,0,1,2", truth.SubmissionHeader);
    }

    [Fact]
    public void TryLoad_RealLabelsWithRmseOnly_IsRegression()
    {
        var truth = LoadTruth("id,label\na,1.5\nb,-2e3\nc,0\n", Setup(1, Metric.Rmse, Metric.Mae));

        Assert.Equal(TaskKind.Regression, truth.Kind);
        Assert.Equal("id,score", truth.SubmissionHeader);
    }

    [Fact]
    public void TryLoad_ZeroOneWrittenAsFloats_IsBinary()
    {
        Assert.Equal(TaskKind.Binary, LoadTruth("id,label\na,1.0\nb,0.0\nc,1\n", Setup(1, Metric.Auc)).Kind);
    }

    [Fact]
    public void TryLoad_AucOnOneClassTruth_RefusedAtUpload()
    {
        var error = RefuseTruth("id,label\na,1\nb,1\nc,1\n", Setup(1, Metric.Auc));

        Assert.Equal(FileRule.MetricNotComputable, error.Rule);
        Assert.Null(error.Line);
        Assert.Equal("auc cannot be computed on the truth: it has no rows with label 0, and a ROC curve needs both classes.", error.Message);
    }

    [Fact]
    public void TryLoad_PartWithOneClass_RefusedNamingThePart()
    {
        // Two positives among 40 rows: with 10 % public (4 rows), some seed leaves the public part without one.
        var csv = "id,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"ev{i},{(i < 2 ? 1 : 0)}\n"));
        FileError? error = null;
        for (var s = 0; s < 50 && error is null; s++)
        {
            var setup = new TruthSetup([Metric.Rejection(0.3)], BitConverter.GetBytes(s), 0.1);
            if (!Truth.TryLoad(Utf8(csv), setup, Limit, out _, out var refused, TestContext.Current.CancellationToken))
            {
                error = refused;
            }
        }

        Assert.NotNull(error);
        Assert.Equal(FileRule.MetricNotComputable, error.Rule);
        Assert.StartsWith("rejection@0.3 cannot be computed on the public part of the truth: it has no rows with label 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("4 public and 36 private rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_LogLossOnOneClassBinaryTruth_IsAccepted()
    {
        Assert.Equal(3, LoadTruth("id,label\na,1\nb,1\nc,1\n", Setup(0.5, Metric.LogLoss, Metric.Accuracy)).RowCount);
    }

    [Fact]
    public void TryLoad_RmseWithAccuracyOnClassNames_RefusedAsMultiClass()
    {
        var error = RefuseTruth("id,label\na,x\nb,y\nc,z\n", Setup(1, Metric.Accuracy, Metric.Rmse));

        Assert.Equal(FileRule.MetricNotComputable, error.Rule);
        Assert.StartsWith("rmse needs numeric labels and one score per row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_AucOnClassNames_RefusedAskingForZeroAndOne()
    {
        var error = RefuseTruth("id,label\na,s\nb,b\n", Setup(1, Metric.Auc));

        Assert.Equal(FileRule.MetricNotComputable, error.Rule);
        Assert.StartsWith("auc needs labels 0 and 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", FileRule.Empty, null)]
    [InlineData("\n\n  \n", FileRule.Empty, null)]
    [InlineData("id,label\n", FileRule.Empty, null)]
    [InlineData("ev1,1\nev2,0\n", FileRule.MissingHeader, 1)]
    [InlineData("id,score\nev1,1\n", FileRule.WrongHeader, 1)]
    [InlineData("id;label\nev1;1\n", FileRule.MissingHeader, 1)]
    [InlineData("id,label,extra\nev1,1,2\n", FileRule.WrongHeader, 1)]
    [InlineData("\nid,label\nev1,1\nev2\n", FileRule.WrongColumnCount, 4)]
    [InlineData("id,label\nev1,1\nev2,0,1\n", FileRule.WrongColumnCount, 3)]
    [InlineData("id,label\nev1,1\n,0\n", FileRule.EmptyId, 3)]
    [InlineData("id,label\nev1,1\nev2,0\nev1,0\n", FileRule.DuplicateId, 4)]
    [InlineData("id,label\nev1,1\nev2,\n", FileRule.InvalidLabel, 3)]
    public void TryLoad_BadFile_NamesTheFirstBadLineAndRule(string csv, FileRule rule, int? line)
    {
        var error = RefuseTruth(csv, Setup(1, Metric.Accuracy));

        Assert.Equal(rule, error.Rule);
        Assert.Equal(line, error.Line);
        if (line is not null)
        {
            Assert.StartsWith($"Line {line}", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryLoad_NonNumericLabelForRmse_RefusedAtItsLine()
    {
        var error = RefuseTruth("id,label\na,1.5\nb,NaN\nc,x\n", Setup(1, Metric.Rmse));

        Assert.Equal(FileRule.InvalidLabel, error.Rule);
        Assert.Equal(3, error.Line);
        Assert.Equal("Line 3: the label is not a finite number, and rmse and mae need numeric labels.", error.Message);
    }

    [Fact]
    public void TryLoad_MoreThanMaxClasses_RefusedAtTheLineThatCrossesIt()
    {
        var csv = "id,label\n" + string.Concat(Enumerable.Range(0, Truth.MaxClasses + 5).Select(i => $"ev{i},class{i}\n"));

        var error = RefuseTruth(csv, Setup(1, Metric.Accuracy));

        Assert.Equal(FileRule.InvalidLabel, error.Rule);
        Assert.Equal(Truth.MaxClasses + 2, error.Line);
    }

    [Fact]
    public void TryLoad_TooLarge_RefusedBeforeReadingWhenTheLengthIsKnown()
    {
        var error = RefuseTruth(Binary, Setup(1, Metric.Auc), limit: 10);

        Assert.Equal(FileRule.TooLarge, error.Rule);
        Assert.Equal("The file is larger than the limit of 10 bytes.", error.Message);
    }

    [Fact]
    public void TryLoad_BinaryFile_Refused()
    {
        var bytes = Encoding.UTF8.GetBytes("id,label\nev1,1\nev2,\u00000\n");

        Assert.False(Truth.TryLoad(new MemoryStream(bytes), Setup(1, Metric.Auc), Limit, out _, out var error, TestContext.Current.CancellationToken));

        Assert.Equal(FileRule.Binary, error.Rule);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void TryLoad_EveryRefusal_NeverQuotesTheTruth()
    {
        const string Secret = "SECRETID";
        const string Label = "SECRETLABEL";
        string[] files =
        [
            $"{Secret}1,{Label}\n",
            $"id,label\n{Secret}1,1\n{Secret}1,0\n",
            $"id,label\n{Secret}1,1\n{Secret}2,0,{Label}\n",
            $"id,{Label}\n{Secret}1,1\n",
            $"id,label\n{Secret}1,{Label}\n{Secret}2,1\n",
            $"id,label\n{Secret}1,\"{Label}\n",
        ];
        foreach (var file in files)
        {
            foreach (var metric in new[] { Metric.Auc, Metric.Rmse, Metric.Accuracy })
            {
                if (!Truth.TryLoad(Utf8(file), Setup(1, metric), Limit, out _, out var error, TestContext.Current.CancellationToken))
                {
                    Assert.DoesNotContain("SECRET", error.Message, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }

    [Fact]
    public void ToString_LoadedTruth_ShowsCountsAndHashButNoRow()
    {
        var truth = LoadTruth("id,label\nSECRETID,1\nOTHER,0\n", Setup(0.5, Metric.Accuracy));

        Assert.DoesNotContain("SECRETID", truth.ToString(), StringComparison.Ordinal);
        Assert.Contains(truth.Sha256, truth.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_InvalidSetup_ThrowsForTheCaller()
    {
        Assert.Throws<ArgumentException>(() => Truth.TryLoad(Utf8(Binary), new TruthSetup([], Seed, 0.5), Limit, out _, out _, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => Truth.TryLoad(Utf8(Binary), new TruthSetup([Metric.Auc, Metric.Auc], Seed, 0.5), Limit, out _, out _, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => Truth.TryLoad(Utf8(Binary), new TruthSetup([Metric.Auc], ReadOnlyMemory<byte>.Empty, 0.5), Limit, out _, out _, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => Truth.TryLoad(Utf8(Binary), Setup(1.5, Metric.Auc), Limit, out _, out _, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => Truth.TryLoad(Utf8(Binary), Setup(double.NaN, Metric.Auc), Limit, out _, out _, TestContext.Current.CancellationToken));
    }
}
