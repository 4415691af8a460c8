using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CollabBot.Core.Formats;

namespace CollabBot.Core.Reports;

public enum ReportFormat
{
    Markdown,
    Html,
    Csv,
    Json,
}

/// <summary>
/// A report as a file: Markdown (GitHub tables, every user-written character escaped), CSV (one row per cell,
/// through <see cref="SafeCsv"/>) and JSON. HTML is the report page, a Razor component of the dashboard.
/// </summary>
public static class ReportFormats
{
    public static readonly IReadOnlyList<string> Names = ["md", "html", "csv", "json"];

    public static ReportFormat? Parse(string? name) => name switch
    {
        null or "md" or "markdown" => ReportFormat.Markdown,
        "html" => ReportFormat.Html,
        "csv" => ReportFormat.Csv,
        "json" => ReportFormat.Json,
        _ => null,
    };

    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => ".md",
        ReportFormat.Csv => ".csv",
        ReportFormat.Json => ".json",
        _ => "",
    };

    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => "text/markdown; charset=utf-8",
        ReportFormat.Csv => "text/csv; charset=utf-8",
        ReportFormat.Json => "application/json; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };

    public static string Render(ReportFormat format, ActivityReport report) => format switch
    {
        ReportFormat.Csv => Csv(report),
        ReportFormat.Json => Json(report),
        _ => Markdown(report),
    };

    /// <summary>The CSV header: one row per headline number (<c>table</c> = <c>counts</c>) and one per table cell.</summary>
    public static readonly IReadOnlyList<string> CsvHeader = ["section", "table", "row", "column", "value"];

    public static string Csv(ActivityReport report) =>
        SafeCsv.Write(CsvHeader, CsvRows(report));

    private static IEnumerable<IReadOnlyList<string?>> CsvRows(ActivityReport report)
    {
        foreach (var section in report.Sections)
        {
            foreach (var count in section.Counts)
            {
                yield return [section.Id, "counts", "", count.Label, count.Value.ToString(CultureInfo.InvariantCulture)];
            }

            foreach (var table in section.Tables)
            {
                for (var r = 0; r < table.Rows.Count; r++)
                {
                    for (var c = 0; c < table.Columns.Count; c++)
                    {
                        yield return [section.Id, table.Id, (r + 1).ToString(CultureInfo.InvariantCulture), table.Columns[c], table.Rows[r][c]];
                    }
                }
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Json(ActivityReport report) => JsonSerializer.Serialize(report, JsonOptions) + "\n";

    public static string Markdown(ActivityReport report)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Escape(report.Title)).Append('\n').Append('\n');
        sb.Append("Dates in ").Append(Escape(report.TimeZone)).Append(", both ends included. Dashboard: <").Append(report.Link).Append(">\n");
        foreach (var section in report.Sections)
        {
            sb.Append('\n').Append("## ").Append(Escape(section.Heading)).Append('\n').Append('\n');
            foreach (var count in section.Counts)
            {
                sb.Append("- ").Append(Escape(count.Label)).Append(": ").Append(count.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            foreach (var table in section.Tables.Where(t => t.Rows.Count > 0))
            {
                sb.Append('\n').Append("### ").Append(Escape(table.Caption)).Append('\n').Append('\n');
                Row(sb, table.Columns);
                sb.Append('|').Append(string.Concat(table.Columns.Select(_ => " --- |"))).Append('\n');
                foreach (var row in table.Rows)
                {
                    Row(sb, row);
                }
            }
        }

        return sb.ToString();
    }

    private static void Row(StringBuilder sb, IReadOnlyList<string> cells)
    {
        sb.Append('|');
        foreach (var cell in cells)
        {
            sb.Append(' ').Append(Escape(cell)).Append(" |");
        }

        sb.Append('\n');
    }

    /// <summary>
    /// User text as literal Markdown: every character that can start markup is backslash-escaped (CommonMark
    /// allows that for any ASCII punctuation), line breaks become spaces, so a title can neither format, link, nor
    /// break out of its table cell.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '\r' or '\n' or '\t':
                    sb.Append(' ');
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '!' or '&' or '~' or '(' or ')' or '{' or '}' or '+' or '=' or '"':
                    sb.Append('\\').Append(ch);
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }

        return sb.ToString();
    }
}
