namespace CollabBot.Core.Challenges;

/// <summary>
/// What a truth's labels make of a challenge, decided when the truth is loaded:
/// every label 0 or 1 (written as any number equal to 0 or 1) is <see cref="Binary"/>; otherwise, when any metric
/// classifies (auc, accuracy, logloss, rejection@E), <see cref="MultiClass"/> with the distinct labels as class
/// names; otherwise (only rmse and mae) <see cref="Regression"/>, whose labels must be finite numbers.
/// </summary>
public enum TaskKind
{
    /// <summary>Labels 0 and 1; a submission has one score per row (header <c>id,score</c>).</summary>
    Binary,

    /// <summary>Labels are class names; a submission has one probability column per class (header <c>id,&lt;class&gt;…</c>).</summary>
    MultiClass,

    /// <summary>Labels are real numbers; a submission has one prediction per row (header <c>id,score</c>).</summary>
    Regression,
}

/// <summary>
/// Counts that decide whether a metric can be computed on a truth or on one part of it (see
/// <see cref="Metric.CheckTruth"/>). It holds no row, so nothing built from it can quote the hidden truth.
/// </summary>
/// <param name="Name">How a sentence names it: "the truth", "the public part of the truth".</param>
/// <param name="Kind">Binary, multi-class or regression.</param>
/// <param name="Rows">Rows in the truth or the part.</param>
/// <param name="Positives">Rows labelled 1 (binary only, else 0).</param>
/// <param name="ClassCount">Distinct classes of the whole truth (multi-class only, else 0).</param>
public sealed record TruthShape(string Name, TaskKind Kind, int Rows, int Positives, int ClassCount)
{
    /// <summary>Rows labelled 0 (binary only).</summary>
    public int Negatives => Kind == TaskKind.Binary ? Rows - Positives : 0;
}
