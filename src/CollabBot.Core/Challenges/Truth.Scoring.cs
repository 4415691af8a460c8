using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using nietras.SeparatedValues;

namespace CollabBot.Core.Challenges;

public sealed partial class Truth
{
    /// <summary>
    /// Validates and scores a submission in one streaming pass: header <see cref="SubmissionHeader"/>, then exactly one
    /// row per truth id, in any order, each value a finite number. A bad file gives one <see cref="FileError"/> (the
    /// first bad line and the rule it broke; the message may quote the submission, never the truth) and no exception;
    /// only cancellation and failures of the stream itself throw. Memory: about 20 bytes per truth row, whatever the
    /// file's size.
    /// </summary>
    /// <param name="csv">The file's bytes; read to the end (or to the first problem), not disposed.</param>
    /// <param name="maxBytes">Refuse files larger than this (<c>Challenges:MaxUploadBytes</c>).</param>
    public bool TryScore(Stream csv, long maxBytes,
        [NotNullWhen(true)] out SubmissionScore? score, [NotNullWhen(false)] out FileError? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        score = null;
        if (csv.CanSeek && csv.Length - csv.Position > maxBytes)
        {
            error = GuardedStream.TooLarge(maxBytes);
            return false;
        }

        var reading = new SubmissionReading(this);
        try
        {
            using var guarded = new GuardedStream(csv, maxBytes, hash: null);
            using var reader = ChallengeCsv.Open(guarded);
            error = reading.Read(reader, cancellationToken);
        }
        catch (FileRejectedException rejected)
        {
            error = rejected.Error;
        }
        catch (NotSupportedException)
        {
            error = RowTooLong(reading.NextLine);
        }

        if (error is not null)
        {
            return false;
        }

        var results = new double?[Metrics.Count, 2];
        for (var part = 0; part < 2; part++)
        {
            var (from, to) = part == 0 ? (0, PublicRowCount) : (PublicRowCount, RowCount);
            if (to > from)
            {
                var values = reading.Evaluate(from, to, part);
                for (var m = 0; m < values.Length; m++)
                {
                    results[m, part] = values[m];
                }
            }
        }

        score = new SubmissionScore(RowCount, [.. Metrics.Select((metric, m) => new MetricScore(metric, results[m, 0], results[m, 1]))]);
        return true;
    }

    /// <summary>One pass over a submission: per truth slot, the line it was seen on and what the metrics need of it.</summary>
    private sealed class SubmissionReading(Truth truth)
    {
        private readonly int[] lineOfSlot = new int[truth.RowCount];

        // Binary and regression: the score. Multi-class: the predicted class (accuracy) and the row's log loss
        // (logloss), so memory stays at a few bytes per row whatever the number of classes.
        private readonly double[]? scores = truth.Kind == TaskKind.MultiClass ? null : new double[truth.RowCount];
        private readonly int[]? predicted = truth.Kind == TaskKind.MultiClass && truth.Metrics.Contains(Metric.Accuracy) ? new int[truth.RowCount] : null;
        private readonly double[]? losses = truth.Kind == TaskKind.MultiClass && truth.Metrics.Contains(Metric.LogLoss) ? new double[truth.RowCount] : null;
        private int[] classOfColumn = [];
        private int seen;

        public int NextLine { get; private set; } = 1;

        public FileError? Read(SepReader reader, CancellationToken cancellationToken)
        {
            var header = true;
            var expectedColumns = truth.Kind == TaskKind.MultiClass ? truth.classes.Length + 1 : 2;
            double[] rowBuffer = truth.Kind == TaskKind.MultiClass ? new double[truth.classes.Length] : [];
            foreach (var record in reader)
            {
                NextLine = record.LineNumberToExcl;
                if ((record.RowIndex & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (record.ColCount != expectedColumns || header)
                {
                    if (ChallengeCsv.IsBlank(record))
                    {
                        continue;
                    }

                    if (header)
                    {
                        header = false;
                        if (ReadHeader(record) is { } wrong)
                        {
                            return wrong;
                        }

                        continue;
                    }

                    var at = ChallengeCsv.Line(record);
                    return new FileError(at, FileRule.WrongColumnCount, string.Create(CultureInfo.InvariantCulture,
                        $"Line {at} has {record.ColCount} column{(record.ColCount == 1 ? "" : "s")}; the header has {expectedColumns} ({Shorten(truth.SubmissionHeader)})."));
                }

                var idCol = record[0].Span;
                if (!truth.slotsBySpan.TryGetValue(idCol, out var slot))
                {
                    var at = ChallengeCsv.Line(record);
                    return idCol.IsEmpty
                        ? new FileError(at, FileRule.EmptyId, $"Line {at} has an empty id.")
                        : new FileError(at, FileRule.UnknownId, $"Line {at}: the id '{Quoting.Quote(idCol)}' is not in this challenge's test set.");
                }

                var line = ChallengeCsv.Line(record);
                if (lineOfSlot[slot] != 0)
                {
                    return new FileError(line, FileRule.DuplicateId, string.Create(CultureInfo.InvariantCulture,
                        $"Line {line}: the id '{Quoting.Quote(idCol)}' already appeared on line {lineOfSlot[slot]}; each id must appear once."));
                }

                lineOfSlot[slot] = line;
                seen++;
                if (scores is not null)
                {
                    if (Parse(record, 1, line, out scores[slot]) is { } bad)
                    {
                        return bad;
                    }

                    continue;
                }

                // Multi-class: values in class order for the loss; argmax in the file's column order, first column on ties (numpy.argmax).
                var best = 0;
                var bestValue = double.NegativeInfinity;
                for (var c = 1; c < expectedColumns; c++)
                {
                    if (Parse(record, c, line, out var value) is { } bad)
                    {
                        return bad;
                    }

                    rowBuffer[classOfColumn[c]] = value;
                    if (value > bestValue)
                    {
                        bestValue = value;
                        best = c;
                    }
                }

                if (predicted is not null)
                {
                    predicted[slot] = classOfColumn[best];
                }

                if (losses is not null)
                {
                    losses[slot] = MetricMath.MultiClassLogLoss(rowBuffer, truth.classLabels![slot]);
                }
            }

            if (header)
            {
                return new FileError(null, FileRule.Empty, $"The file is empty: a submission starts with the header line {Shorten(truth.SubmissionHeader)}, then one row per id.");
            }

            if (seen == 0)
            {
                return new FileError(null, FileRule.Empty, string.Create(CultureInfo.InvariantCulture,
                    $"The file has a header but no rows; it needs one row for each of the {truth.RowCount:N0} ids of the test set."));
            }

            return seen < truth.RowCount
                ? new FileError(null, FileRule.MissingIds, string.Create(CultureInfo.InvariantCulture,
                    $"The file ends after {seen:N0} rows, but the test set has {truth.RowCount:N0} ids: {truth.RowCount - seen:N0} {(truth.RowCount - seen == 1 ? "id has" : "ids have")} no row. Every id needs exactly one row."))
                : null;
        }

        private FileError? ReadHeader(in SepReader.Row record)
        {
            var line = ChallengeCsv.Line(record);
            var cells = new string[record.ColCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = record[c].ToString();
            }

            var found = Quoting.Quote(string.Join(',', cells));
            if (!ChallengeCsv.Is(record, 0, "id"))
            {
                return new FileError(line, FileRule.MissingHeader,
                    $"Line {line} is not the header: a submission starts with the line {Shorten(truth.SubmissionHeader)} (this file starts with '{found}').");
            }

            if (truth.Kind != TaskKind.MultiClass)
            {
                return cells.Length == 2 && ChallengeCsv.Is(record, 1, "score")
                    ? null
                    : new FileError(line, FileRule.WrongHeader, $"Line {line}: the header must be id,score; this file's header is '{found}'.");
            }

            var mapping = new int[cells.Length];
            var taken = new bool[truth.classes.Length];
            string? problem = cells.Length != truth.classes.Length + 1
                ? string.Create(CultureInfo.InvariantCulture, $"it has {cells.Length - 1} class column{(cells.Length == 2 ? "" : "s")}, and this challenge has {truth.classes.Length} classes")
                : null;
            for (var c = 1; c < cells.Length && problem is null; c++)
            {
                var index = Array.BinarySearch(truth.classes, cells[c], StringComparer.Ordinal);
                if (index < 0)
                {
                    problem = $"'{Quoting.Quote(cells[c])}' is not one of the classes";
                }
                else if (taken[index])
                {
                    problem = $"it names the class '{Quoting.Quote(cells[c])}' twice";
                }
                else
                {
                    taken[index] = true;
                    mapping[c] = index;
                }
            }

            if (problem is not null)
            {
                return new FileError(line, FileRule.WrongHeader,
                    $"Line {line}: the header must be id followed by one column per class, in any order ({Shorten(truth.SubmissionHeader)}); {problem}.");
            }

            classOfColumn = mapping;
            return null;
        }

        private FileError? Parse(in SepReader.Row record, int col, int line, out double value)
        {
            var text = record[col].Span;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                return new FileError(line, FileRule.NotANumber, $"Line {line}: {What(col, text)} is not a number.");
            }

            return double.IsFinite(value)
                ? null
                : new FileError(line, FileRule.NotFinite, $"Line {line}: {What(col, text)} is not a finite number (NaN and infinity are refused).");
        }

        private string What(int col, ReadOnlySpan<char> text) => truth.Kind == TaskKind.MultiClass
            ? $"the value '{Quoting.Quote(text)}' for class '{Quoting.Quote(truth.classes[classOfColumn[col]])}'"
            : $"the score '{Quoting.Quote(text)}'";

        /// <summary>The metrics on slots [from, to): one part of the truth.</summary>
        public double[] Evaluate(int from, int to, int part)
        {
            var metrics = truth.Metrics;
            var values = new double[metrics.Count];
            var rows = to - from;
            if (truth.Kind == TaskKind.MultiClass)
            {
                var labels = truth.classLabels.AsSpan(from, rows);
                for (var m = 0; m < metrics.Count; m++)
                {
                    values[m] = metrics[m].Kind switch
                    {
                        MetricKind.Accuracy => CountEqual(labels, predicted.AsSpan(from, rows)) / (double)rows,
                        MetricKind.LogLoss => Mean(losses.AsSpan(from, rows)),
                        _ => throw new InvalidOperationException($"{metrics[m].Name} passed the truth check on a multi-class truth."),
                    };
                }

                return values;
            }

            var scored = scores.AsSpan(from, rows);
            var efficiencies = metrics.Where(m => m.Kind == MetricKind.Rejection).Select(m => m.SignalEfficiency!.Value).ToArray();
            var (auc, backgroundEfficiencies) = metrics.Any(m => m.NeedsRocCurve)
                ? RocCurve(truth.binaryLabels.AsSpan(from, rows), scored, truth.positives[part], efficiencies)
                : (double.NaN, []);
            var nextEfficiency = 0;
            for (var m = 0; m < metrics.Count; m++)
            {
                values[m] = metrics[m].Kind switch
                {
                    MetricKind.Auc => auc,
                    MetricKind.Rejection => 1 / backgroundEfficiencies[nextEfficiency++],
                    MetricKind.Accuracy => BinaryAccuracy(truth.binaryLabels.AsSpan(from, rows), scored),
                    MetricKind.LogLoss => BinaryLogLoss(truth.binaryLabels.AsSpan(from, rows), scored),
                    MetricKind.Rmse => Math.Sqrt(MeanError(from, scored, squared: true)),
                    MetricKind.Mae => MeanError(from, scored, squared: false),
                    _ => throw new InvalidOperationException($"Unknown metric {metrics[m].Name}."),
                };
            }

            return values;
        }

        private static (double Auc, double[] BackgroundEfficiencies) RocCurve(ReadOnlySpan<byte> labels, ReadOnlySpan<double> scored, int positiveCount, double[] efficiencies)
        {
            var positives = new double[positiveCount];
            var negatives = new double[labels.Length - positiveCount];
            int p = 0, n = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                if (labels[i] == 1)
                {
                    positives[p++] = scored[i];
                }
                else
                {
                    negatives[n++] = scored[i];
                }
            }

            positives.AsSpan().Sort();
            negatives.AsSpan().Sort();
            return MetricMath.RocCurve(positives, negatives, efficiencies);
        }

        private static double BinaryAccuracy(ReadOnlySpan<byte> labels, ReadOnlySpan<double> scored)
        {
            var correct = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                if ((scored[i] >= 0.5 ? 1 : 0) == labels[i])
                {
                    correct++;
                }
            }

            return correct / (double)labels.Length;
        }

        private static double BinaryLogLoss(ReadOnlySpan<byte> labels, ReadOnlySpan<double> scored)
        {
            var sum = default(MetricMath.Sum);
            for (var i = 0; i < labels.Length; i++)
            {
                sum.Add(MetricMath.BinaryLogLoss(labels[i], scored[i]));
            }

            return sum.Value / labels.Length;
        }

        private double MeanError(int from, ReadOnlySpan<double> scored, bool squared)
        {
            var sum = default(MetricMath.Sum);
            for (var i = 0; i < scored.Length; i++)
            {
                var label = truth.binaryLabels is { } binary ? binary[from + i] : truth.numericLabels![from + i];
                var error = label - scored[i];
                sum.Add(squared ? error * error : Math.Abs(error));
            }

            return sum.Value / scored.Length;
        }

        private static int CountEqual(ReadOnlySpan<int> labels, ReadOnlySpan<int> predictions)
        {
            var count = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                if (labels[i] == predictions[i])
                {
                    count++;
                }
            }

            return count;
        }

        private static double Mean(ReadOnlySpan<double> values)
        {
            var sum = default(MetricMath.Sum);
            foreach (var value in values)
            {
                sum.Add(value);
            }

            return sum.Value / values.Length;
        }

        private static string Shorten(string header) => header.Length <= 120 ? header : header[..header.LastIndexOf(',', 119)] + ",…";
    }
}
