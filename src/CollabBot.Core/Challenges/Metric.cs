using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CollabBot.Core.Challenges;

/// <summary>Whether a larger or a smaller value of a metric is the better one.</summary>
public enum MetricDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>The metrics a challenge can be scored with.</summary>
public enum MetricKind
{
    /// <summary><c>sklearn.metrics.roc_auc_score</c> on labels 0/1.</summary>
    Auc,

    /// <summary><c>sklearn.metrics.accuracy_score</c>: binary, a score ≥ 0.5 predicts 1; multi-class, the first largest column.</summary>
    Accuracy,

    /// <summary><c>sklearn.metrics.log_loss</c> (scikit-learn 1.2.1: clipped to [ε, 1−ε], rows renormalised).</summary>
    LogLoss,

    /// <summary>The square root of <c>sklearn.metrics.mean_squared_error</c>.</summary>
    Rmse,

    /// <summary><c>sklearn.metrics.mean_absolute_error</c>.</summary>
    Mae,

    /// <summary>Background rejection 1/ε_B at a signal efficiency E, ε_B = <c>numpy.interp(E, tpr, fpr)</c>.</summary>
    Rejection,
}

/// <summary>
/// A challenge metric, defined exactly as scikit-learn (and, for <c>rejection@E</c>, numpy) compute it, with the
/// direction in which it improves. Values are records, so two parses of <c>rejection@0.3</c> are equal.
/// <see cref="TryParse"/> reads the names users type; <see cref="Name"/> is the canonical spelling to store.
/// </summary>
public sealed record Metric
{
    /// <summary>The names <see cref="TryParse"/> accepts, as help text shows them.</summary>
    public static readonly IReadOnlyList<string> ValidNames = ["auc", "accuracy", "logloss", "rmse", "mae", "rejection@E"];

    public static readonly Metric Auc = new(MetricKind.Auc, "auc", MetricDirection.HigherIsBetter, null);
    public static readonly Metric Accuracy = new(MetricKind.Accuracy, "accuracy", MetricDirection.HigherIsBetter, null);
    public static readonly Metric LogLoss = new(MetricKind.LogLoss, "logloss", MetricDirection.LowerIsBetter, null);
    public static readonly Metric Rmse = new(MetricKind.Rmse, "rmse", MetricDirection.LowerIsBetter, null);
    public static readonly Metric Mae = new(MetricKind.Mae, "mae", MetricDirection.LowerIsBetter, null);

    private const string ValidList =
        "Valid metrics: auc, accuracy, logloss, rmse, mae, rejection@E (E a signal efficiency strictly between 0 and 1, e.g. rejection@0.3).";

    private Metric(MetricKind kind, string name, MetricDirection direction, double? signalEfficiency)
    {
        Kind = kind;
        Name = name;
        Direction = direction;
        SignalEfficiency = signalEfficiency;
    }

    public MetricKind Kind { get; }

    /// <summary>Canonical name: <c>auc</c>, <c>accuracy</c>, <c>logloss</c>, <c>rmse</c>, <c>mae</c> or <c>rejection@0.3</c>.</summary>
    public string Name { get; }

    public MetricDirection Direction { get; }

    /// <summary>E of <c>rejection@E</c>, in (0, 1); null for the other metrics.</summary>
    public double? SignalEfficiency { get; }

    /// <summary>Whether the metric needs labels 0 and 1 and a single score per row (a ROC curve).</summary>
    internal bool NeedsRocCurve => Kind is MetricKind.Auc or MetricKind.Rejection;

    /// <summary><c>rejection@E</c> for a signal efficiency E strictly between 0 and 1.</summary>
    public static Metric Rejection(double signalEfficiency)
    {
        if (!(signalEfficiency > 0 && signalEfficiency < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(signalEfficiency), signalEfficiency, "The signal efficiency must be strictly between 0 and 1.");
        }

        return new Metric(MetricKind.Rejection, "rejection@" + signalEfficiency.ToString("R", CultureInfo.InvariantCulture), MetricDirection.HigherIsBetter, signalEfficiency);
    }

    /// <summary>Reads a metric name as a user types it (case and surrounding spaces ignored); the error is a sentence listing the valid names.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Metric? metric, [NotNullWhen(false)] out string? error)
    {
        metric = null;
        var name = (text ?? "").Trim().ToLowerInvariant();
        switch (name)
        {
            case "auc":
                metric = Auc;
                break;
            case "accuracy":
                metric = Accuracy;
                break;
            case "logloss":
                metric = LogLoss;
                break;
            case "rmse":
                metric = Rmse;
                break;
            case "mae":
                metric = Mae;
                break;
            case "":
                error = "No metric given. " + ValidList;
                return false;
        }

        if (metric is not null)
        {
            error = null;
            return true;
        }

        if (name.StartsWith("rejection@", StringComparison.Ordinal))
        {
            var efficiency = name["rejection@".Length..];
            if (double.TryParse(efficiency, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var e)
                && e > 0 && e < 1)
            {
                metric = Rejection(e);
                error = null;
                return true;
            }

            error = $"'{Quoting.Quote(efficiency)}' is not a signal efficiency: in rejection@E, E must be a number strictly between 0 and 1, e.g. rejection@0.3.";
            return false;
        }

        error = $"'{Quoting.Quote(text!.Trim())}' is not a metric. {ValidList}";
        return false;
    }

    /// <summary>
    /// Whether this metric can be computed on a truth (or one part of it) of the given shape; null when it can,
    /// otherwise one sentence for the manager. It reads counts only, so it can never quote a row of the truth.
    /// </summary>
    public string? CheckTruth(TruthShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var where = shape.Name;
        switch (Kind)
        {
            case MetricKind.Auc or MetricKind.Rejection:
                if (shape.Kind != TaskKind.Binary)
                {
                    return $"{Name} needs labels 0 and 1 (signal 1, background 0), but {where} {DescribeKind(shape)}.";
                }

                if (shape.Rows > 0 && (shape.Positives == 0 || shape.Negatives == 0))
                {
                    return $"{Name} cannot be computed on {where}: it has no rows with label {(shape.Positives == 0 ? 1 : 0)}, and a ROC curve needs both classes.";
                }

                return null;
            case MetricKind.Accuracy or MetricKind.LogLoss:
                if (shape.Kind == TaskKind.Regression)
                {
                    return $"{Name} needs class labels (0 and 1, or class names), but {where} {DescribeKind(shape)}.";
                }

                if (shape.Kind == TaskKind.MultiClass && shape.ClassCount < 2)
                {
                    return $"{Name} needs at least two classes, but {where} has a single distinct label.";
                }

                return null;
            default:
                return shape.Kind == TaskKind.MultiClass
                    ? $"{Name} needs numeric labels and one score per row, but {where} {DescribeKind(shape)}."
                    : null;
        }
    }

    /// <summary>Whether <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/> (an infinite rejection beats any finite one).</summary>
    public bool IsBetter(double candidate, double incumbent) =>
        Direction == MetricDirection.HigherIsBetter ? candidate > incumbent : candidate < incumbent;

    /// <summary>A value for people: six significant digits, and "∞" for an infinite rejection (ε_B = 0).</summary>
    public static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : value.ToString("G6", CultureInfo.InvariantCulture);

    public override string ToString() => Name;

    private static string DescribeKind(TruthShape shape) => shape.Kind switch
    {
        TaskKind.Binary => "has labels 0 and 1",
        TaskKind.MultiClass => string.Create(CultureInfo.InvariantCulture, $"has {shape.ClassCount:N0} classes (labels other than 0 and 1 make it a multi-class truth)"),
        _ => "has real-valued labels",
    };
}
