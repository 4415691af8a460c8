using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using nietras.SeparatedValues;

namespace CollabBot.Core.Challenges;

/// <summary>
/// A challenge's hidden truth, loaded once into the structure scoring needs: ids → slot, labels by slot, public
/// slots first. Load it with <see cref="TryLoad"/> (which also checks that every metric can be computed on the whole
/// truth and on each part) and score any number of submissions with <see cref="TryScore"/>; an instance is immutable
/// and safe to share between threads, so a scoring queue can keep one per challenge.
/// <para>
/// Nothing here reveals the truth: errors about a truth file name lines and rules but never quote it, errors about a
/// submission quote only the submission, and <see cref="ToString"/> shows counts and the hash.
/// </para>
/// </summary>
public sealed partial class Truth
{
    /// <summary>At most this many classes in a multi-class truth (the submission header has one column per class).</summary>
    public const int MaxClasses = 1000;

    private readonly Dictionary<string, int> slots;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> slotsBySpan;
    private readonly string[] classes;
    private readonly byte[]? binaryLabels;
    private readonly double[]? numericLabels;
    private readonly int[]? classLabels;
    private readonly int[] positives;

    private Truth(TruthSetup setup, TaskKind kind, Dictionary<string, int> slots, int publicRows, string[] classes,
        byte[]? binaryLabels, double[]? numericLabels, int[]? classLabels, string sha256)
    {
        Metrics = [.. setup.Metrics];
        Kind = kind;
        this.slots = slots;
        slotsBySpan = slots.GetAlternateLookup<ReadOnlySpan<char>>();
        PublicRowCount = publicRows;
        this.classes = classes;
        this.binaryLabels = binaryLabels;
        this.numericLabels = numericLabels;
        this.classLabels = classLabels;
        Sha256 = sha256;
        positives = binaryLabels is null ? [0, 0] : [Count(binaryLabels.AsSpan(0, publicRows)), Count(binaryLabels.AsSpan(publicRows))];
        SubmissionHeader = kind == TaskKind.MultiClass ? "id," + string.Join(',', classes.Select(CsvCell)) : "id,score";

        static int Count(ReadOnlySpan<byte> labels) => labels.Count((byte)1);

        // A class name as a header cell must be written: quoted (RFC 4180) when it holds a comma, quote or line break.
        static string CsvCell(string name) =>
            name.AsSpan().IndexOfAny(",\"\r\n") < 0 ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The metrics the truth was checked for and submissions are scored with, primary first.</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    public TaskKind Kind { get; }

    /// <summary>Rows (ids) in the truth.</summary>
    public int RowCount => slots.Count;

    public int PublicRowCount { get; }

    public int PrivateRowCount => RowCount - PublicRowCount;

    /// <summary>SHA-256 of the file's bytes as uploaded, lower-case hex: shown to everyone, so anyone can later check the truth was not changed.</summary>
    public string Sha256 { get; }

    /// <summary>The header a submission must start with: <c>id,score</c>, or <c>id,</c> and the class names (in any order) for multi-class.</summary>
    public string SubmissionHeader { get; }

    /// <summary>
    /// Reads a truth CSV (<c>id,label</c>, header required, ids unique and non-empty) and checks it against the
    /// challenge's metrics. A bad file or a metric that cannot be computed gives one <see cref="FileError"/> (the
    /// first problem, by line) and no exception; only cancellation and failures of the stream itself throw.
    /// </summary>
    /// <param name="csv">The file's bytes; read to the end (or to the first problem), not disposed.</param>
    /// <param name="setup">Metrics, seed and public fraction.</param>
    /// <param name="maxBytes">Refuse files larger than this (<c>Challenges:MaxUploadBytes</c>).</param>
    public static bool TryLoad(Stream csv, TruthSetup setup, long maxBytes,
        [NotNullWhen(true)] out Truth? truth, [NotNullWhen(false)] out FileError? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(setup);
        setup.Validate();
        truth = null;
        if (csv.CanSeek && csv.Length - csv.Position > maxBytes)
        {
            error = GuardedStream.TooLarge(maxBytes);
            return false;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var reading = new TruthReading(setup);
        try
        {
            using var guarded = new GuardedStream(csv, maxBytes, hash);
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

        return reading.TryBuild(Convert.ToHexStringLower(hash.GetHashAndReset()), out truth, out error, cancellationToken);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"truth: {RowCount} rows ({PublicRowCount} public, {PrivateRowCount} private), {Kind}, sha256 {Sha256}");

    private static FileError RowTooLong(int line) => new(line, FileRule.RowTooLong,
        string.Create(CultureInfo.InvariantCulture, $"Line {line} starts a row longer than 16 million characters; is a quote (\") left open?"));

    /// <summary>State of one pass over a truth file, then the checks that need all of it.</summary>
    private sealed class TruthReading(TruthSetup setup)
    {
        private readonly Dictionary<string, int> rowsById = new(StringComparer.Ordinal);
        private readonly List<string> ids = [];
        private readonly List<double> numbers = [];
        private readonly List<int> labelIndex = [];
        private readonly Dictionary<string, int> distinctLabels = new(StringComparer.Ordinal);
        private readonly bool classifies = setup.Metrics.Any(m => m.Kind is not (MetricKind.Rmse or MetricKind.Mae));
        private bool allNumeric = true;

        /// <summary>The line after the last row read: where a problem the reader found must be.</summary>
        public int NextLine { get; private set; } = 1;

        public FileError? Read(SepReader reader, CancellationToken cancellationToken)
        {
            var header = true;
            foreach (var row in reader)
            {
                var line = ChallengeCsv.Line(row);
                NextLine = row.LineNumberToExcl;
                if ((row.RowIndex & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (ChallengeCsv.IsBlank(row))
                {
                    continue;
                }

                if (header)
                {
                    header = false;
                    if (!ChallengeCsv.Is(row, 0, "id"))
                    {
                        return new FileError(line, FileRule.MissingHeader,
                            $"Line {line} is not the header: a truth file starts with the line id,label.");
                    }

                    if (row.ColCount != 2 || !ChallengeCsv.Is(row, 1, "label"))
                    {
                        return new FileError(line, FileRule.WrongHeader,
                            $"Line {line}: the header of a truth file must be id,label (two comma-separated columns).");
                    }

                    continue;
                }

                if (row.ColCount != 2)
                {
                    return new FileError(line, FileRule.WrongColumnCount, string.Create(CultureInfo.InvariantCulture,
                        $"Line {line} has {row.ColCount} columns; every row of a truth file has 2 (id,label)."));
                }

                var id = row[0].Span;
                if (id.IsEmpty)
                {
                    return new FileError(line, FileRule.EmptyId, $"Line {line} has an empty id.");
                }

                var key = id.ToString();
                ref var seenOn = ref CollectionsMarshal.GetValueRefOrAddDefault(rowsById, key, out var exists);
                if (exists)
                {
                    return new FileError(line, FileRule.DuplicateId, $"Line {line} repeats the id of line {seenOn}; each id must appear once.");
                }

                seenOn = line;
                ids.Add(key);
                var problem = ReadLabel(row[1].Span, line);
                if (problem is not null)
                {
                    return problem;
                }
            }

            if (header)
            {
                return new FileError(null, FileRule.Empty, "The truth file is empty: it needs the header line id,label and one row per id.");
            }

            return ids.Count == 0
                ? new FileError(null, FileRule.Empty, "The truth file has a header but no rows.")
                : null;
        }

        private FileError? ReadLabel(ReadOnlySpan<char> label, int line)
        {
            if (label.IsEmpty)
            {
                return new FileError(line, FileRule.InvalidLabel, $"Line {line} has an empty label.");
            }

            var numeric = double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);
            if (!classifies && !numeric)
            {
                return new FileError(line, FileRule.InvalidLabel,
                    $"Line {line}: the label is not a finite number, and rmse and mae need numeric labels.");
            }

            allNumeric &= numeric;
            numbers.Add(numeric ? value : double.NaN);
            if (!classifies)
            {
                return null;
            }

            var lookup = distinctLabels.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(label, out var index))
            {
                if (distinctLabels.Count == MaxClasses)
                {
                    return new FileError(line, FileRule.InvalidLabel, string.Create(CultureInfo.InvariantCulture,
                        $"Line {line} brings the number of distinct labels past {MaxClasses:N0}: a classification truth has labels 0 and 1 or at most {MaxClasses:N0} class names (a regression truth is scored with rmse or mae only)."));
                }

                index = distinctLabels.Count;
                lookup[label] = index;
            }

            labelIndex.Add(index);
            return null;
        }

        public bool TryBuild(string sha256, [NotNullWhen(true)] out Truth? truth, [NotNullWhen(false)] out FileError? error, CancellationToken cancellationToken)
        {
            truth = null;
            var count = ids.Count;
            var kind = allNumeric && numbers.TrueForAll(v => v == 0 || v == 1) ? TaskKind.Binary
                : classifies ? TaskKind.MultiClass
                : TaskKind.Regression;

            // Class names in ordinal order, as LabelBinarizer orders string labels.
            var classNames = kind == TaskKind.MultiClass ? distinctLabels.Keys.Order(StringComparer.Ordinal).ToArray() : [];
            var classOfLabel = new int[distinctLabels.Count];
            foreach (var (name, index) in distinctLabels)
            {
                classOfLabel[index] = Array.BinarySearch(classNames, name, StringComparer.Ordinal);
            }

            var isPublic = PublicSplit.Assign(ids, setup.Seed.Span, setup.PublicFraction, cancellationToken);
            var publicRows = isPublic.Count(p => p);
            var slotOfRow = new int[count];
            int nextPublic = 0, nextPrivate = publicRows;
            for (var row = 0; row < count; row++)
            {
                slotOfRow[row] = isPublic[row] ? nextPublic++ : nextPrivate++;
            }

            byte[]? binary = kind == TaskKind.Binary ? new byte[count] : null;
            double[]? numeric = kind == TaskKind.Regression ? new double[count] : null;
            int[]? classIndex = kind == TaskKind.MultiClass ? new int[count] : null;
            for (var row = 0; row < count; row++)
            {
                var slot = slotOfRow[row];
                CollectionsMarshal.GetValueRefOrNullRef(rowsById, ids[row]) = slot;
                if (binary is not null)
                {
                    binary[slot] = (byte)numbers[row];
                }
                else if (numeric is not null)
                {
                    numeric[slot] = numbers[row];
                }
                else
                {
                    classIndex![slot] = classOfLabel[labelIndex[row]];
                }
            }

            var shapes = new List<TruthShape> { Shape("the truth", 0, count) };
            if (publicRows > 0 && publicRows < count)
            {
                shapes.Add(Shape("the public part of the truth", 0, publicRows));
                shapes.Add(Shape("the private part of the truth", publicRows, count));
            }

            foreach (var shape in shapes)
            {
                foreach (var metric in setup.Metrics)
                {
                    if (metric.CheckTruth(shape) is { } sentence)
                    {
                        error = new FileError(null, FileRule.MetricNotComputable, shape.Name == "the truth"
                            ? sentence
                            : sentence + string.Create(CultureInfo.InvariantCulture,
                                $" (The parts are drawn from the challenge's seed: {publicRows:N0} public and {count - publicRows:N0} private rows.)"));
                        return false;
                    }
                }
            }

            error = null;
            truth = new Truth(setup, kind, rowsById, publicRows, classNames, binary, numeric, classIndex, sha256);
            return true;

            TruthShape Shape(string name, int from, int to) => new(name, kind, to - from,
                binary is null ? 0 : binary.AsSpan(from, to - from).Count((byte)1), classNames.Length);
        }
    }
}
