namespace CollabBot.Core.Challenges;

/// <summary>A scored submission: one <see cref="MetricScore"/> per metric of the truth, in the truth's order (primary first).</summary>
/// <param name="RowCount">Rows scored (always the truth's row count: a submission missing ids is refused).</param>
/// <param name="Scores">Primary metric first, then the secondaries.</param>
public sealed record SubmissionScore(int RowCount, IReadOnlyList<MetricScore> Scores)
{
    public MetricScore Primary => Scores[0];
}

/// <summary>
/// One metric on the public and on the private part. A part with no rows (public fraction 0 or 1) has no score (null).
/// Values are full doubles; <c>rejection@E</c> is <see cref="double.PositiveInfinity"/> when ε_B = 0, which JSON cannot
/// carry as a number and <see cref="Metric.Format"/> shows as "∞".
/// </summary>
public sealed record MetricScore(Metric Metric, double? Public, double? Private);
