using System.Text;
using nietras.SeparatedValues;

namespace CollabBot.Core.Challenges;

/// <summary>How truth and submission files are read: one reader configuration, one notion of line and blank row.</summary>
internal static class ChallengeCsv
{
    /// <summary>
    /// UTF-8 whose preamble StreamReader skips, so a file saved "with BOM" reads like one without. Invalid bytes never
    /// reach the decoder: <see cref="GuardedStream"/> refuses them first.
    /// </summary>
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: false);

    /// <summary>Comma-separated (no guessing from the header), quotes unescaped, outer spaces trimmed, the column count checked by us.</summary>
    private static readonly SepReaderOptions Options = Sep.New(',').Reader(o => o with
    {
        HasHeader = false,
        DisableColCountCheck = true,
        Unescape = true,
        Trim = SepTrim.All,
    });

    public static SepReader Open(GuardedStream bytes) =>
        Options.From(new StreamReader(bytes, Utf8WithBom, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16));

    /// <summary>The 1-based line a row starts on (Sep reports the first row of a header-less reader one line late).</summary>
    public static int Line(in SepReader.Row row) => row.RowIndex == 0 ? 1 : row.LineNumberFrom;

    /// <summary>A line with nothing but spaces: skipped wherever it is, as pandas and spreadsheets leave them at the end.</summary>
    public static bool IsBlank(in SepReader.Row row) => row.ColCount == 1 && row[0].Span.IsEmpty;

    /// <summary>The header cell as written, for comparing: case-insensitive, spaces trimmed.</summary>
    public static bool Is(in SepReader.Row row, int col, string name) =>
        row[col].Span.Equals(name, StringComparison.OrdinalIgnoreCase);
}
