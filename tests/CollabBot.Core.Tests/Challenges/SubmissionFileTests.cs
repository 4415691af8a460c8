using System.Text;
using CollabBot.Core.Challenges;
using static CollabBot.Core.Tests.Challenges.ChallengeFiles;

namespace CollabBot.Core.Tests.Challenges;

public sealed class SubmissionFileTests
{
    private static readonly Truth BinaryTruth = LoadTruth("id,label\nev1,1\nev2,0\nev3,1\nev4,0\n", Setup(1, Metric.Auc, Metric.Accuracy));

    private static readonly Truth MultiTruth = LoadTruth("id,label\nr1,e\nr2,mu\nr3,tau\n", Setup(1, Metric.Accuracy, Metric.LogLoss));

    [Fact]
    public void TryScore_GoodFileInAnyOrder_ScoresEveryRow()
    {
        var score = Score(BinaryTruth, "id,score\nev4,0.1\nev1,0.9\nev3,0.8\nev2,0.3\n");

        Assert.Equal(4, score.RowCount);
        Assert.Equal(1.0, score.Primary.Public);
        Assert.Equal(1.0, score.Scores[1].Public);
        Assert.Null(score.Primary.Private);
    }

    [Fact]
    public void TryScore_CrlfBomQuotesSpacesAndBlankLines_AreAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("\r\n ID , Score \r\n\"ev1\", 0.9\r\n\r\nev2,\"0.3\"\r\n  \r\nev3,8e-1\r\nev4,+.1\r\n\r\n"))
            .ToArray();

        Assert.True(BinaryTruth.TryScore(new MemoryStream(bytes), Limit, out var score, out var error, TestContext.Current.CancellationToken), error?.Message);
        Assert.Equal(1.0, score.Primary.Public);
    }

    [Fact]
    public void TryScore_SameFileTwice_SameScores()
    {
        const string Csv = "id,score\nev4,0.4\nev1,0.9\nev3,0.3\nev2,0.35\n";

        Assert.Equal(Score(BinaryTruth, Csv).Scores, Score(BinaryTruth, Csv).Scores);
    }

    [Theory]
    [InlineData("", FileRule.Empty, null, "The file is empty: a submission starts with the header line id,score, then one row per id.")]
    [InlineData("\n \n", FileRule.Empty, null, "The file is empty: a submission starts with the header line id,score, then one row per id.")]
    [InlineData("id,score\n", FileRule.Empty, null, "The file has a header but no rows; it needs one row for each of the 4 ids of the test set.")]
    [InlineData("ev1,0.9\nev2,0.1\n", FileRule.MissingHeader, 1, "Line 1 is not the header: a submission starts with the line id,score (this file starts with 'ev1,0.9').")]
    [InlineData("id,prediction\nev1,0.9\n", FileRule.WrongHeader, 1, "Line 1: the header must be id,score; this file's header is 'id,prediction'.")]
    [InlineData("id,score,extra\nev1,0.9,1\n", FileRule.WrongHeader, 1, "Line 1: the header must be id,score; this file's header is 'id,score,extra'.")]
    [InlineData("id,score\nev1,0.9\nev2\n", FileRule.WrongColumnCount, 3, "Line 3 has 1 column; the header has 2 (id,score).")]
    [InlineData("id,score\nev1,0.9,1\n", FileRule.WrongColumnCount, 2, "Line 2 has 3 columns; the header has 2 (id,score).")]
    [InlineData("id,score\nev1,0.9\nev2,0.1\nev1,0.5\n", FileRule.DuplicateId, 4, "Line 4: the id 'ev1' already appeared on line 2; each id must appear once.")]
    [InlineData("id,score\nev1,0.9\nev9,0.1\n", FileRule.UnknownId, 3, "Line 3: the id 'ev9' is not in this challenge's test set.")]
    [InlineData("id,score\nev1,0.9\n,0.1\n", FileRule.EmptyId, 3, "Line 3 has an empty id.")]
    [InlineData("id,score\nev1,0.9\nev2,abc\n", FileRule.NotANumber, 3, "Line 3: the score 'abc' is not a number.")]
    [InlineData("id,score\nev1,0.9\nev2,\n", FileRule.NotANumber, 3, "Line 3: the score '' is not a number.")]
    [InlineData("id,score\nev1,0,9\n", FileRule.WrongColumnCount, 2, "Line 2 has 3 columns; the header has 2 (id,score).")]
    [InlineData("id,score\nev1,0.9\nev2,NaN\n", FileRule.NotFinite, 3, "Line 3: the score 'NaN' is not a finite number (NaN and infinity are refused).")]
    [InlineData("id,score\nev1,-Infinity\n", FileRule.NotFinite, 2, "Line 2: the score '-Infinity' is not a finite number (NaN and infinity are refused).")]
    [InlineData("id,score\nev1,1e999\n", FileRule.NotFinite, 2, "Line 2: the score '1e999' is not a finite number (NaN and infinity are refused).")]
    [InlineData("id,score\nev1,0.9\nev2,0.1\nev3,0.5\n", FileRule.MissingIds, null, "The file ends after 3 rows, but the test set has 4 ids: 1 id has no row. Every id needs exactly one row.")]
    public void TryScore_BadFile_OneMessageNamingTheFirstBadLineAndRule(string csv, FileRule rule, int? line, string message)
    {
        var error = Refuse(BinaryTruth, csv);

        Assert.Equal(new FileError(line, rule, message), error);
    }

    [Fact]
    public void TryScore_SeveralProblems_ReportsTheFirstByLine()
    {
        var error = Refuse(BinaryTruth, "id,score\nev1,0.9\nev2,x\nev9,0.1\nev1,0.3\n");

        Assert.Equal(3, error.Line);
        Assert.Equal(FileRule.NotANumber, error.Rule);
    }

    [Fact]
    public void TryScore_UnknownIdBeforeABadNumber_ReportsTheUnknownId()
    {
        var error = Refuse(BinaryTruth, "id,score\nev1,0.9\nev9,0.1\nev2,0.2\nev3,NaN\n");

        Assert.Equal(3, error.Line);
        Assert.Equal(FileRule.UnknownId, error.Rule);
    }

    [Fact]
    public void TryScore_DuplicateFarApartInALargeFile_NamesBothLines()
    {
        var truth = LargeTruth(10_000);
        var rows = Enumerable.Range(0, 10_000).Select(i => $"ev{i:D5},0.5").ToList();
        rows[9_000] = "ev00017,0.5";

        var error = Refuse(truth, "id,score\n" + string.Join('\n', rows) + "\n");

        Assert.Equal(new FileError(9_002, FileRule.DuplicateId, "Line 9002: the id 'ev00017' already appeared on line 19; each id must appear once."), error);
    }

    [Fact]
    public void TryScore_EveryIdThenOneMore_RefusesTheExtraRow()
    {
        var truth = LargeTruth(5_000);
        var all = "id,score\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"ev{i:D5},0.5\n"));

        Assert.Equal(new FileError(5_002, FileRule.DuplicateId, "Line 5002: the id 'ev00003' already appeared on line 5; each id must appear once."),
            Refuse(truth, all + "ev00003,0.1\n"));
        Assert.Equal(new FileError(5_002, FileRule.UnknownId, "Line 5002: the id 'ev99999' is not in this challenge's test set."),
            Refuse(truth, all + "ev99999,0.1\n"));
        Assert.Equal(5_000, Score(truth, all).RowCount);
    }

    [Fact]
    public void TryScore_LongIds_AreCopiedAndMatched()
    {
        var ids = Enumerable.Range(0, 6_000).Select(i => new string('x', 200) + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var truth = LoadTruth(Csv(["id", "label"], ids.Select((id, i) => new[] { id, (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture) })), Setup(1, Metric.Auc));

        var score = Score(truth, Csv(["id", "score"], ids.Select((id, i) => new[] { id, R(i % 2) }).Reverse()));

        Assert.Equal(1.0, score.Primary.Public);
    }

    private static Truth LargeTruth(int rows) =>
        LoadTruth("id,label\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"ev{i:D5},{i % 2}\n")), Setup(1, Metric.Auc));

    [Fact]
    public void TryScore_NulByte_RefusedAsBinaryAtItsLine()
    {
        var error = Refuse(BinaryTruth, "id,score\nev1,0.9\nev2,0.\u00001\n");

        Assert.Equal(FileRule.Binary, error.Rule);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void TryScore_InvalidUtf8_RefusedAsBinaryAtItsLine()
    {
        var bytes = Encoding.UTF8.GetBytes("id,score\nev1,0.9\nev2,0.1\n").Concat(new byte[] { 0x65, 0x76, 0xC3, 0x28, 0x2C, 0x31, 0x0A }).ToArray();

        var error = Refuse(BinaryTruth, new MemoryStream(bytes));

        Assert.Equal(new FileError(4, FileRule.Binary, "Line 4 is not valid UTF-8 text: this is a binary file or text in another encoding. Save the CSV file as UTF-8."), error);
    }

    [Fact]
    public void TryScore_Utf16File_RefusedAsBinary()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("id,score\nev1,0.9\n")).ToArray();

        Assert.Equal(FileRule.Binary, Refuse(BinaryTruth, new MemoryStream(bytes)).Rule);
    }

    [Fact]
    public void TryScore_RandomBytes_RefusedWithoutException()
    {
        var random = new Random(16);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);

            Assert.False(BinaryTruth.TryScore(new MemoryStream(bytes), Limit, out _, out var error, TestContext.Current.CancellationToken));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }

    [Fact]
    public void TryScore_TooLargeSeekable_RefusedBeforeReading()
    {
        var error = Refuse(BinaryTruth, new string('x', 2000), limit: 1000);

        Assert.Equal(new FileError(null, FileRule.TooLarge, "The file is larger than the limit of 1000 bytes."), error);
    }

    [Fact]
    public void TryScore_TooLargeStream_RefusedWhileReading()
    {
        var body = "id,score\nev1,0." + new string('9', 2_000_000) + "\n";

        var error = Refuse(BinaryTruth, new OneWayStream(Encoding.UTF8.GetBytes(body), 7), limit: 1 << 20);

        Assert.Equal(new FileError(null, FileRule.TooLarge, "The file is larger than the limit of 1 MB."), error);
    }

    [Fact]
    public void TryScore_RowTooLongForTheReader_RefusedAsAnOpenQuote()
    {
        var error = Refuse(BinaryTruth, "id,score\nev1,0.9\nev2,\"" + new string('9', 17_000_000));

        Assert.Equal(FileRule.RowTooLong, error.Rule);
        Assert.Equal(3, error.Line);
        Assert.Contains("quote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryScore_MultiByteCharactersSplitAcrossReads_AreValidUtf8()
    {
        var truth = LoadTruth("id,label\nünï,1\n🎯,0\n", Setup(1, Metric.Auc));

        Assert.True(truth.TryScore(new OneWayStream(Encoding.UTF8.GetBytes("id,score\n🎯,0.2\nünï,0.7\n"), 1), Limit, out var score, out var error, TestContext.Current.CancellationToken), error?.Message);
        Assert.Equal(1.0, score.Primary.Public);
    }

    [Fact]
    public void TryScore_TruncatedUtf8AtEndOfFile_RefusedAsBinary()
    {
        var truncated = Encoding.UTF8.GetBytes("id,score\nev1,0.9\nev2,0.1\nev3,0.5\nev4,0.2\n").Concat(new byte[] { 0xF0, 0x9F }).ToArray();

        var error = Refuse(BinaryTruth, new OneWayStream(truncated, 3));

        Assert.Equal(FileRule.Binary, error.Rule);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void TryScore_UnknownIdWithMarkup_IsQuotedShortenedAndMasked()
    {
        var error = Refuse(BinaryTruth, "id,score\n\"<@everyone>\u202E" + new string('x', 100) + "\",0.5\n");

        Assert.Equal(FileRule.UnknownId, error.Rule);
        Assert.DoesNotContain("\u202E", error.Message, StringComparison.Ordinal);
        Assert.Contains("…'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryScore_AnyRefusal_NeverQuotesTheTruth()
    {
        var truth = LoadTruth("id,label\nSECRET-A,1\nSECRET-B,0\nSECRET-C,1\n", Setup(1, Metric.Auc, Metric.LogLoss));
        string[] submissions =
        [
            "", "id,score\n", "x,1\n", "id,foo\nA,1\n", "id,score\nSECRET-A,0.5\n", "id,score\nSECRET-A,0.5\nSECRET-A,0.5\n",
            "id,score\nSECRET-A,0.5\nnope,1\n", "id,score\nSECRET-A,NaN\n", "id,score\nSECRET-A,0.5,1\n", "id,score\nSECRET-A,abc\n",
        ];

        foreach (var csv in submissions)
        {
            var error = Refuse(truth, csv);
            foreach (var secret in new[] { "SECRET-B", "SECRET-C" })
            {
                Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void TryScore_MultiClassColumnsInAnyOrder_ScoresByClassName()
    {
        var score = Score(MultiTruth, "id,tau,e,mu\nr1,0.1,0.8,0.1\nr2,0.2,0.2,0.6\nr3,0.7,0.2,0.1\n");

        Assert.Equal(1.0, score.Primary.Public);
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.6) + Math.Log(0.7)) / 3, score.Scores[1].Public!.Value, 1e-12);
        Assert.Equal("id,e,mu,tau", MultiTruth.SubmissionHeader);
    }

    [Fact]
    public void TryScore_MultiClassArgmaxTie_TakesTheFirstColumnOfTheFile()
    {
        var firstIsRight = Score(MultiTruth, "id,e,mu,tau\nr1,0.5,0.5,0\nr2,0,0.5,0.5\nr3,0.5,0,0.5\n");
        var firstIsWrong = Score(MultiTruth, "id,tau,mu,e\nr1,0.5,0,0.5\nr2,0.5,0.5,0\nr3,0.5,0.5,0\n");

        Assert.Equal(2 / 3.0, firstIsRight.Primary.Public);
        Assert.Equal(1 / 3.0, firstIsWrong.Primary.Public);
    }

    [Theory]
    [InlineData("id,score\nr1,1\n", "Line 1: the header must be id followed by one column per class, in any order (id,e,mu,tau); it has 1 class column, and this challenge has 3 classes.")]
    [InlineData("id,e,mu,pi\nr1,1,0,0\n", "Line 1: the header must be id followed by one column per class, in any order (id,e,mu,tau); 'pi' is not one of the classes.")]
    [InlineData("id,e,mu,mu\nr1,1,0,0\n", "Line 1: the header must be id followed by one column per class, in any order (id,e,mu,tau); it names the class 'mu' twice.")]
    [InlineData("id,E,mu,tau\nr1,1,0,0\n", "Line 1: the header must be id followed by one column per class, in any order (id,e,mu,tau); 'E' is not one of the classes.")]
    public void TryScore_MultiClassWrongHeader_NamesTheClasses(string csv, string message)
    {
        Assert.Equal(new FileError(1, FileRule.WrongHeader, message), Refuse(MultiTruth, csv));
    }

    [Fact]
    public void TryScore_ClassNamesWithCommasAndQuotes_HeaderQuotesThemAndMatches()
    {
        var truth = LoadTruth(Csv(["id", "label"], [["r1", "a,b"], ["r2", "say \"hi\""], ["r3", "plain"]]), Setup(1, Metric.Accuracy));

        Assert.Equal("id,\"a,b\",plain,\"say \"\"hi\"\"\"", truth.SubmissionHeader);
        var score = Score(truth, truth.SubmissionHeader + "\nr1,0.8,0.1,0.1\nr2,0.1,0.1,0.8\nr3,0.1,0.8,0.1\n");
        Assert.Equal(1.0, score.Primary.Public);
    }

    [Fact]
    public void TryScore_MultiClassBadValue_NamesTheClassColumn()
    {
        var error = Refuse(MultiTruth, "id,tau,e,mu\nr1,0.1,0.8,0.1\nr2,0.2,inf,0.6\n");

        Assert.Equal(new FileError(3, FileRule.NotANumber, "Line 3: the value 'inf' for class 'e' is not a number."), error);
    }

    [Fact]
    public void TryScore_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => BinaryTruth.TryScore(Utf8("id,score\nev1,0.9\n"), Limit, out _, out _, cancelled.Token));
    }

    [Fact]
    public void TryScore_DoesNotDisposeTheCallersStream()
    {
        using var stream = Utf8("id,score\nev4,0.1\nev1,0.9\nev3,0.8\nev2,0.3\n");

        Assert.True(BinaryTruth.TryScore(stream, Limit, out _, out _, TestContext.Current.CancellationToken));
        Assert.True(stream.CanRead);
    }

    /// <summary>A stream that is not seekable and hands out at most a few bytes per read, like a network download.</summary>
    private sealed class OneWayStream(byte[] bytes, int chunk) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), bytes.Length - position);
            Array.Copy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
