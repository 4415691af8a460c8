using System.Globalization;
using System.Text;
using CollabBot.Core.Challenges;
using nietras.SeparatedValues;

namespace CollabBot.Core.Tests.Challenges;

/// <summary>Truth and submission files for the tests, written with Sep so ids with quotes and commas are escaped as any CSV writer would.</summary>
internal static class ChallengeFiles
{
    public const long Limit = 100L << 20;

    public static readonly byte[] Seed = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    public static TruthSetup Setup(double publicFraction, params Metric[] metrics) => new(metrics, Seed, publicFraction);

    public static string Csv(string[] header, IEnumerable<string[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text))
        {
            foreach (var cells in rows)
            {
                using var row = writer.NewRow();
                for (var c = 0; c < header.Length; c++)
                {
                    row[header[c]].Set(cells[c]);
                }
            }
        }

        return text.ToString();
    }

    public static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static Stream Utf8(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    public static Truth LoadTruth(string csv, TruthSetup setup)
    {
        Assert.True(Truth.TryLoad(Utf8(csv), setup, Limit, out var truth, out var error, TestContext.Current.CancellationToken), error?.Message);
        return truth;
    }

    public static FileError RefuseTruth(string csv, TruthSetup setup, long limit = Limit)
    {
        Assert.False(Truth.TryLoad(Utf8(csv), setup, limit, out _, out var error, TestContext.Current.CancellationToken));
        return error;
    }

    public static SubmissionScore Score(Truth truth, string csv)
    {
        Assert.True(truth.TryScore(Utf8(csv), Limit, out var score, out var error, TestContext.Current.CancellationToken), error?.Message);
        return score;
    }

    public static FileError Refuse(Truth truth, string csv, long limit = Limit) => Refuse(truth, Utf8(csv), limit);

    public static FileError Refuse(Truth truth, Stream csv, long limit = Limit)
    {
        Assert.False(truth.TryScore(csv, limit, out _, out var error, TestContext.Current.CancellationToken));
        return error;
    }
}
