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
    /// only cancellation and failures of the stream itself throw. Memory: about 25 bytes per truth row (25 MB for a
    /// million), whatever the file's size, plus for multi-class 32 kB per class for a chunk of rows.
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
            error = reading.FlushChunk() ?? RowTooLong(reading.NextLine);
        }

        if (error is not null)
        {
            return false;
        }

        score = new SubmissionScore(RowCount, reading.Evaluate());
        return true;
    }

    /// <summary>
    /// One pass over a submission, in chunks of rows. The streaming loop parses and copies each chunk's ids; a second,
    /// tight loop then looks them up. Looking ids up inside the parsing loop costs about twice as much on a shuffled
    /// million rows: each lookup is a chain of cache misses (bucket, entry, key), and only a short loop lets the
    /// processor overlap the misses of several rows. Per-row results are written in file order (sequential memory).
    /// Problems are still reported by line: a chunk's ids are checked before a later line's parse error is returned.
    /// </summary>
    private sealed class SubmissionReading(Truth truth)
    {
        private const int ChunkRows = 4096;

        private readonly int[] slotOfRow = new int[truth.RowCount];
        private readonly int[] lineOfRow = new int[truth.RowCount];
        private readonly ulong[] seen = new ulong[(truth.RowCount + 63) / 64];

        // Binary and regression: the score. Multi-class: whether the first largest column is the true class
        // (accuracy) and the row's log loss, so memory stays at a few bytes per row whatever the number of classes.
        private readonly double[]? scoreOfRow = truth.Kind == TaskKind.MultiClass ? null : new double[truth.RowCount];
        private readonly bool[]? correctOfRow = truth.Kind == TaskKind.MultiClass ? new bool[truth.RowCount] : null;
        private readonly double[]? lossOfRow = truth.Kind == TaskKind.MultiClass && truth.Metrics.Contains(Metric.LogLoss) ? new double[truth.RowCount] : null;

        // The current chunk: ids as copied characters, and for multi-class the values in class order and the argmax.
        private readonly int[] idEnds = new int[ChunkRows];
        private readonly double[] chunkValues = new double[truth.Kind == TaskKind.MultiClass ? ChunkRows * truth.classes.Length : 0];
        private readonly int[] chunkPredicted = new int[truth.Kind == TaskKind.MultiClass ? ChunkRows : 0];
        private char[] idChars = new char[ChunkRows * 16];
        private int chunkStart;
        private int[] classOfColumn = [];
        private int rows;

        public int NextLine { get; private set; } = 1;

        public FileError? Read(SepReader reader, CancellationToken cancellationToken)
        {
            var header = true;
            var classCount = truth.classes.Length;
            var expectedColumns = truth.Kind == TaskKind.MultiClass ? classCount + 1 : 2;
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
                    return FlushChunk() ?? new FileError(at, FileRule.WrongColumnCount, string.Create(CultureInfo.InvariantCulture,
                        $"Line {at} has {record.ColCount} column{(record.ColCount == 1 ? "" : "s")}; the header has {expectedColumns} ({Shorten(truth.SubmissionHeader)})."));
                }

                var id = record[0].Span;
                var line = ChallengeCsv.Line(record);
                if (rows == truth.RowCount)
                {
                    // One row more than the truth has ids: this one or an earlier one repeats or is unknown.
                    return FlushChunk() ?? Check(id, line, rows);
                }

                var inChunk = rows - chunkStart;
                var idStart = inChunk == 0 ? 0 : idEnds[inChunk - 1];
                if (idStart + id.Length > idChars.Length)
                {
                    Array.Resize(ref idChars, Math.Max(idChars.Length * 2, idStart + id.Length));
                }

                id.CopyTo(idChars.AsSpan(idStart));
                idEnds[inChunk] = idStart + id.Length;
                lineOfRow[rows] = line;
                if (scoreOfRow is not null)
                {
                    if (Parse(record, 1, line, out scoreOfRow[rows]) is { } bad)
                    {
                        return FlushChunk() ?? bad;
                    }
                }
                else
                {
                    // Multi-class: values in class order for the loss; argmax in the file's column order, first column on ties (numpy.argmax).
                    var values = chunkValues.AsSpan(inChunk * classCount, classCount);
                    var best = 0;
                    var bestValue = double.NegativeInfinity;
                    for (var c = 1; c < expectedColumns; c++)
                    {
                        if (Parse(record, c, line, out var value) is { } bad)
                        {
                            return FlushChunk() ?? bad;
                        }

                        values[classOfColumn[c]] = value;
                        if (value > bestValue)
                        {
                            bestValue = value;
                            best = c;
                        }
                    }

                    chunkPredicted[inChunk] = classOfColumn[best];
                }

                rows++;
                if (rows - chunkStart == ChunkRows && FlushChunk() is { } problem)
                {
                    return problem;
                }
            }

            if (FlushChunk() is { } last)
            {
                return last;
            }

            if (header)
            {
                return new FileError(null, FileRule.Empty, $"The file is empty: a submission starts with the header line {Shorten(truth.SubmissionHeader)}, then one row per id.");
            }

            if (rows == 0)
            {
                return new FileError(null, FileRule.Empty, string.Create(CultureInfo.InvariantCulture,
                    $"The file has a header but no rows; it needs one row for each of the {truth.RowCount:N0} ids of the test set."));
            }

            return rows < truth.RowCount
                ? new FileError(null, FileRule.MissingIds, string.Create(CultureInfo.InvariantCulture,
                    $"The file ends after {rows:N0} rows, but the test set has {truth.RowCount:N0} ids: {truth.RowCount - rows:N0} {(truth.RowCount - rows == 1 ? "id has" : "ids have")} no row. Every id needs exactly one row."))
                : null;
        }

        /// <summary>Looks up the chunk's ids, in file order; the first unknown, empty or repeated id is the error.</summary>
        public FileError? FlushChunk()
        {
            var classCount = truth.classes.Length;
            var idStart = 0;
            for (var row = chunkStart; row < rows; row++)
            {
                var inChunk = row - chunkStart;
                if (Check(idChars.AsSpan(idStart, idEnds[inChunk] - idStart), lineOfRow[row], row) is { } problem)
                {
                    return problem;
                }

                idStart = idEnds[inChunk];
                if (correctOfRow is not null)
                {
                    var label = truth.classLabels![slotOfRow[row]];
                    correctOfRow[row] = chunkPredicted[inChunk] == label;
                    if (lossOfRow is not null)
                    {
                        lossOfRow[row] = MetricMath.MultiClassLogLoss(chunkValues.AsSpan(inChunk * classCount, classCount), label);
                    }
                }
            }

            chunkStart = rows;
            return null;
        }

        /// <summary>Finds a row's slot and marks it seen; the error when the id is empty, unknown or already seen.</summary>
        private FileError? Check(ReadOnlySpan<char> id, int line, int row)
        {
            if (!truth.slotsBySpan.TryGetValue(id, out var slot))
            {
                return id.IsEmpty
                    ? new FileError(line, FileRule.EmptyId, $"Line {line} has an empty id.")
                    : new FileError(line, FileRule.UnknownId, $"Line {line}: the id '{Quoting.Quote(id)}' is not in this challenge's test set.");
            }

            ref var word = ref seen[slot >> 6];
            var bit = 1UL << (slot & 63);
            if ((word & bit) != 0)
            {
                return new FileError(line, FileRule.DuplicateId, string.Create(CultureInfo.InvariantCulture,
                    $"Line {line}: the id '{Quoting.Quote(id)}' already appeared on line {lineOfRow[Array.IndexOf(slotOfRow, slot, 0, row)]}; each id must appear once."));
            }

            word |= bit;
            slotOfRow[row] = slot;
            return null;
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

        /// <summary>Every metric on the public and the private part (a part without rows has none).</summary>
        public MetricScore[] Evaluate()
        {
            var metrics = truth.Metrics;
            var roc = metrics.Any(m => m.NeedsRocCurve);
            var parts = new[]
            {
                new PartTotals(truth.PublicRowCount, truth.positives[0], roc),
                new PartTotals(truth.PrivateRowCount, truth.positives[1], roc),
            };
            Accumulate(parts, metrics);

            var efficiencies = metrics.Where(m => m.Kind == MetricKind.Rejection).Select(m => m.SignalEfficiency!.Value).ToArray();
            var values = parts.Select(part => part.Rows == 0 ? null : part.Values(metrics, efficiencies)).ToArray();
            return [.. metrics.Select((metric, m) => new MetricScore(metric, values[0]?[m], values[1]?[m]))];
        }

        private void Accumulate(PartTotals[] parts, IReadOnlyList<Metric> metrics)
        {
            var publicRows = truth.PublicRowCount;
            if (scoreOfRow is null)
            {
                for (var row = 0; row < rows; row++)
                {
                    var part = parts[slotOfRow[row] < publicRows ? 0 : 1];
                    part.Correct += correctOfRow![row] ? 1 : 0;
                    if (lossOfRow is not null)
                    {
                        part.LogLoss.Add(lossOfRow[row]);
                    }
                }

                return;
            }

            var logLoss = metrics.Contains(Metric.LogLoss);
            var errors = metrics.Any(m => m.Kind is MetricKind.Rmse or MetricKind.Mae);
            for (var row = 0; row < rows; row++)
            {
                var slot = slotOfRow[row];
                var part = parts[slot < publicRows ? 0 : 1];
                var score = scoreOfRow[row];
                if (truth.binaryLabels is { } binary)
                {
                    var label = binary[slot];
                    part.Add(label, score);
                    part.Correct += (score >= 0.5 ? 1 : 0) == label ? 1 : 0;
                    if (logLoss)
                    {
                        part.LogLoss.Add(MetricMath.BinaryLogLoss(label, score));
                    }

                    if (errors)
                    {
                        part.AddError(label - score);
                    }
                }
                else
                {
                    part.AddError(truth.numericLabels![slot] - score);
                }
            }
        }

        private static string Shorten(string header) => header.Length <= 120 ? header : header[..header.LastIndexOf(',', 119)] + ",…";
    }

    /// <summary>What one part of the truth adds up to over a submission, then its metric values.</summary>
    private sealed class PartTotals(int rows, int positives, bool roc)
    {
        private readonly double[]? positiveScores = roc ? new double[positives] : null;
        private readonly double[]? negativeScores = roc ? new double[rows - positives] : null;
        private int nextPositive;
        private int nextNegative;

        public int Rows => rows;

        public int Correct { get; set; }

        public MetricMath.Sum LogLoss;

        public MetricMath.Sum SquaredError;

        public MetricMath.Sum AbsoluteError;

        public void Add(byte label, double score)
        {
            if (positiveScores is null)
            {
                return;
            }

            if (label == 1)
            {
                positiveScores[nextPositive++] = score;
            }
            else
            {
                negativeScores![nextNegative++] = score;
            }
        }

        public void AddError(double error)
        {
            SquaredError.Add(error * error);
            AbsoluteError.Add(Math.Abs(error));
        }

        public double[] Values(IReadOnlyList<Metric> metrics, double[] efficiencies)
        {
            var (auc, backgroundEfficiencies) = (double.NaN, Array.Empty<double>());
            if (positiveScores is not null)
            {
                positiveScores.AsSpan().Sort();
                negativeScores.AsSpan().Sort();
                (auc, backgroundEfficiencies) = MetricMath.RocCurve(positiveScores, negativeScores, efficiencies);
            }

            var values = new double[metrics.Count];
            var nextEfficiency = 0;
            for (var m = 0; m < metrics.Count; m++)
            {
                values[m] = metrics[m].Kind switch
                {
                    MetricKind.Auc => auc,
                    MetricKind.Rejection => 1 / backgroundEfficiencies[nextEfficiency++],
                    MetricKind.Accuracy => Correct / (double)rows,
                    MetricKind.LogLoss => LogLoss.Value / rows,
                    MetricKind.Rmse => Math.Sqrt(SquaredError.Value / rows),
                    MetricKind.Mae => AbsoluteError.Value / rows,
                    _ => throw new InvalidOperationException($"Unknown metric {metrics[m].Name}."),
                };
            }

            return values;
        }
    }
}
