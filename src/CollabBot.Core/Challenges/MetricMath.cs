namespace CollabBot.Core.Challenges;

/// <summary>
/// The metrics' arithmetic on plain arrays, written to follow scikit-learn 1.2.1 and numpy 1.24 operation by
/// operation where rounding could otherwise differ (the fixtures hold us to 1e-9 relative).
/// </summary>
internal static class MetricMath
{
    /// <summary>float64 machine epsilon, <c>np.finfo(np.float64).eps</c>: log_loss clips probabilities to [ε, 1−ε].</summary>
    public const double Epsilon = 2.220446049250313e-16;

    /// <summary>log_loss of one binary row: sklearn clips p, forms the row [1−p, p], renormalises it by its sum and takes −log of the true column.</summary>
    public static double BinaryLogLoss(byte label, double score)
    {
        var p = Math.Clamp(score, Epsilon, 1 - Epsilon);
        var q = 1 - p;
        var sum = q + p;
        return -Math.Log((label == 1 ? p : q) / sum);
    }

    /// <summary>log_loss of one multi-class row: each probability clipped, the row renormalised by its sum (in class order).</summary>
    public static double MultiClassLogLoss(ReadOnlySpan<double> probabilitiesInClassOrder, int label)
    {
        var sum = 0.0;
        foreach (var value in probabilitiesInClassOrder)
        {
            sum += Math.Clamp(value, Epsilon, 1 - Epsilon);
        }

        return -Math.Log(Math.Clamp(probabilitiesInClassOrder[label], Epsilon, 1 - Epsilon) / sum);
    }

    /// <summary>
    /// The ROC curve of <c>roc_curve(y, s, drop_intermediate=False)</c>, walked from the highest score down with tied
    /// scores grouped into one point, from the scores of the positive and of the negative rows, each sorted ascending.
    /// Returns the AUC (the trapezoid rule, in exact integer arithmetic until one final division) and, for each
    /// requested signal efficiency E, ε_B = <c>numpy.interp(E, tpr, fpr)</c>.
    /// </summary>
    public static (double Auc, double[] BackgroundEfficiencies) RocCurve(ReadOnlySpan<double> positives, ReadOnlySpan<double> negatives, ReadOnlySpan<double> signalEfficiencies)
    {
        long p = positives.Length;
        long n = negatives.Length;
        var efficiencies = new double[signalEfficiencies.Length];

        // numpy.interp(x, xp, fp) takes j = the last index with xp[j] <= x, then fp[j] when xp[j] == x, else the
        // line through points j and j+1. tpr never decreases, so j is the last curve point with tpr <= E; the walk
        // keeps the previous point and fills each E when the curve first passes it.
        var pending = new bool[signalEfficiencies.Length];
        pending.AsSpan().Fill(true);
        var open = signalEfficiencies.Length;

        var i = positives.Length - 1;
        var k = negatives.Length - 1;
        long tps = 0, fps = 0;
        long twiceArea = 0;
        double lastTpr = 0, lastFpr = 0;
        while (i >= 0 || k >= 0)
        {
            var threshold = i < 0 ? negatives[k] : k < 0 ? positives[i] : Math.Max(positives[i], negatives[k]);
            long newTps = tps, newFps = fps;
            while (i >= 0 && positives[i] == threshold)
            {
                newTps++;
                i--;
            }

            while (k >= 0 && negatives[k] == threshold)
            {
                newFps++;
                k--;
            }

            twiceArea += (newFps - fps) * (newTps + tps);
            tps = newTps;
            fps = newFps;

            var tpr = tps / (double)p;
            var fpr = fps / (double)n;
            if (open > 0)
            {
                for (var e = 0; e < signalEfficiencies.Length; e++)
                {
                    var x = signalEfficiencies[e];
                    if (pending[e] && tpr > x)
                    {
                        // Point j is the previous one (lastTpr <= x < tpr).
                        efficiencies[e] = lastTpr == x ? lastFpr : ((fpr - lastFpr) / (tpr - lastTpr) * (x - lastTpr)) + lastFpr;
                        pending[e] = false;
                        open--;
                    }
                }
            }

            lastTpr = tpr;
            lastFpr = fpr;
        }

        for (var e = 0; e < signalEfficiencies.Length; e++)
        {
            if (pending[e])
            {
                // E at or past the curve's end (tpr = 1): numpy returns fp[-1].
                efficiencies[e] = lastFpr;
            }
        }

        return (twiceArea / (2.0 * p * n), efficiencies);
    }

    /// <summary>A running sum with Neumaier's compensation, so a million terms keep the precision numpy's pairwise sum has.</summary>
    public struct Sum
    {
        private double sum;
        private double compensation;

        public void Add(double value)
        {
            var t = sum + value;
            compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - t) + value : (value - t) + sum;
            sum = t;
        }

        public readonly double Value => sum + compensation;
    }
}
