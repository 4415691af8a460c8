using System.Globalization;
using nietras.SeparatedValues;

namespace CollabBot.Core.Formats;

/// <summary>
/// Every CSV file the service writes for others (author lists, and any board, export or report after them) goes
/// through here: RFC 4180 as Sep writes it (comma, CRLF, a field with a comma, quote or line break quoted, quotes
/// doubled), and every cell neutralised against formula injection as OWASP recommends.
/// </summary>
public static class SafeCsv
{
    /// <summary>
    /// What a spreadsheet takes for the start of a formula or command (OWASP, "CSV Injection"): <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, tab and carriage return.
    /// </summary>
    public static readonly IReadOnlyList<char> FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>True when a spreadsheet would read <paramref name="value"/> as a formula.</summary>
    public static bool StartsLikeFormula(string value) => value.Length > 0 && FormulaStarts.Contains(value[0]);

    /// <summary>
    /// The cell as written: a value that starts like a formula gets a leading <c>'</c>, so a spreadsheet takes it
    /// for text (a reader strips that one character to get the value back); every other value is written as it is.
    /// </summary>
    public static string Cell(string? value) => value is null ? "" : StartsLikeFormula(value) ? "'" + value : value;

    /// <summary>A whole file: the header, then the rows; every row has the header's number of cells.</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        Write(text, header, rows);
        return text.ToString();
    }

    /// <summary>Writes the header and rows to <paramref name="output"/> (with CRLF line ends whatever its NewLine).</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        // Sep ends rows with the TextWriter's NewLine; RFC 4180 asks for CRLF on every platform.
        var newLine = output.NewLine;
        output.NewLine = "\r\n";
        try
        {
            // The header is written as a row like the others, so it is neutralised and quoted by the same rule.
            using var writer = Sep.New(',').Writer(o => o with { WriteHeader = false, Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(output, leaveOpen: true);
            WriteRow(writer, header, header.Count);
            foreach (var row in rows)
            {
                WriteRow(writer, row, header.Count);
            }
        }
        finally
        {
            output.NewLine = newLine;
        }
    }

    private static void WriteRow(SepWriter writer, IReadOnlyList<string?> cells, int count)
    {
        if (cells.Count != count)
        {
            throw new ArgumentException($"A CSV row has {cells.Count} cells where the header has {count}.", nameof(cells));
        }

        using var row = writer.NewRow();
        for (var i = 0; i < cells.Count; i++)
        {
            row[i].Set(Cell(cells[i]));
        }
    }
}
