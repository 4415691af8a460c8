using System.Globalization;
using System.Text;
using CollabBot.Core.Challenges;
using CollabBot.Core.Formats;

namespace CollabBot.Core.Features.Challenges;

/// <summary>
/// A board as files: CSV (formula-safe through <see cref="SafeCsv"/>), Markdown, and a LaTeX <c>tabular</c> with the
/// dataset's BibTeX beside it. Built from a <see cref="ChallengeBoard"/> only, so nothing of the truth can reach them;
/// private scores appear only once the challenge is closed (the board's part is then private).
/// </summary>
public static class ChallengeExports
{
    public static readonly IReadOnlyList<string> Extensions = ["csv", "json", "md", "tex"];

    public static readonly IReadOnlyList<string> CsvHeader = ["rank", "participant", "team", "score", "metric", "part", "method", "time_per_event_ms", "submissions", "submitted_at", "code_url", "paper_url"];

    public static string Csv(ChallengeBoard board)
    {
        var part = ChallengeText.Part(board.Part);
        var rows = board.Entries.Select(e => (IReadOnlyList<string?>)
        [
            N(e.Rank),
            e.Name,
            e.Best.TeamId is null ? "no" : "yes",
            Number(e.Score),
            board.Metric.Name,
            part,
            e.Best.Method,
            e.Best.TimePerEventMs is { } ms ? Number(ms) : null,
            N(e.Submissions),
            e.Best.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            e.Best.CodeUrl,
            e.Best.PaperUrl,
        ]);
        var baselines = board.Challenge.Baselines.OrderBy(b => b.Id).Select(b => (IReadOnlyList<string?>)
            ["", "baseline: " + b.Method, "no", Number(b.Score), board.Metric.Name, "", b.Method, null, "", "", b.Url, null]);
        return SafeCsv.Write(CsvHeader, rows.Concat(baselines));
    }

    public static string Markdown(ChallengeBoard board)
    {
        var c = board.Challenge;
        var sb = new StringBuilder();
        sb.Append("# ").Append(Md(c.Title)).Append(" — ").Append(ChallengeText.Part(board.Part)).Append(" board\n\n");
        sb.Append("Ranked by ").Append(board.Metric.Name).Append(" (").Append(board.Metric.Direction == MetricDirection.HigherIsBetter ? "higher" : "lower")
            .Append(" is better) on the ").Append(ChallengeText.Part(board.Part)).Append(" part of the hidden truth; challenge ")
            .Append(ChallengeText.State(c.State)).Append(".\n\n");
        sb.Append("| Rank | Participant | ").Append(board.Metric.Name).Append(" | Method | Time per event | Submissions |\n");
        sb.Append("| ---: | --- | ---: | --- | ---: | ---: |\n");
        foreach (var e in board.Entries)
        {
            sb.Append("| ").Append(N(e.Rank)).Append(" | ").Append(Md(e.Name)).Append(" | ").Append(Number(e.Score)).Append(" | ")
                .Append(Md(e.Best.Method ?? "")).Append(" | ").Append(ChallengeRules.FormatTime(e.Best.TimePerEventMs)).Append(" | ").Append(N(e.Submissions)).Append(" |\n");
        }

        foreach (var b in c.Baselines.OrderBy(b => b.Id))
        {
            sb.Append("| — | baseline | ").Append(Number(b.Score)).Append(" | ").Append(Md(b.Method)).Append(" | | |\n");
        }

        if (c.Target is { } target)
        {
            sb.Append("\nTarget: ").Append(board.Metric.Name).Append(' ').Append(Number(target)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// A LaTeX table (<c>tabular</c> in a <c>table</c>) citing the dataset, with the dataset's BibTeX entry beside it in a
    /// <c>filecontents*</c> environment, so the file compiles on its own with <c>\bibliography{slug}</c>.
    /// </summary>
    public static string Latex(ChallengeBoard board, string bibTeX)
    {
        var c = board.Challenge;
        var key = BibKey(bibTeX);
        var sb = new StringBuilder();
        sb.Append("% Board of ").Append(Comment(c.Title)).Append(" (").Append(c.Slug).Append("), ").Append(ChallengeText.Part(board.Part)).Append(" part, exported by CollabBot.\n");
        sb.Append("\\begin{filecontents*}[overwrite]{").Append(c.Dataset.Slug).Append(".bib}\n").Append(bibTeX.TrimEnd()).Append("\n\\end{filecontents*}\n\n");
        sb.Append("\\begin{table}\n\\centering\n");
        sb.Append("\\caption{").Append(BibTeX.Text(c.Title)).Append(": ").Append(ChallengeText.Part(board.Part)).Append(" board on ")
            .Append(BibTeX.Text(c.Dataset.Title));
        if (key is not null)
        {
            sb.Append("~\\cite{").Append(key).Append('}');
        }

        sb.Append(", ranked by ").Append(BibTeX.Text(board.Metric.Name)).Append(".}\n");
        sb.Append("\\begin{tabular}{rllrrr}\n\\hline\n");
        sb.Append("Rank & Participant & Method & ").Append(BibTeX.Text(board.Metric.Name)).Append(" & Time/event (ms) & Submissions \\\\\n\\hline\n");
        foreach (var e in board.Entries)
        {
            sb.Append(N(e.Rank)).Append(" & ").Append(BibTeX.Text(e.Name)).Append(" & ").Append(BibTeX.Text(e.Best.Method ?? "")).Append(" & ")
                .Append(TexNumber(e.Score)).Append(" & ").Append(e.Best.TimePerEventMs is { } ms ? Number(ms) : "").Append(" & ").Append(N(e.Submissions)).Append(" \\\\\n");
        }

        if (c.Baselines.Count > 0)
        {
            sb.Append("\\hline\n");
            foreach (var b in c.Baselines.OrderBy(b => b.Id))
            {
                sb.Append(" & \\emph{baseline} & ").Append(BibTeX.Text(b.Method)).Append(" & ").Append(TexNumber(b.Score)).Append(" & & \\\\\n");
            }
        }

        if (c.Target is { } target)
        {
            sb.Append("\\hline\n & \\emph{target} & & ").Append(TexNumber(target)).Append(" & & \\\\\n");
        }

        sb.Append("\\hline\n\\end{tabular}\n\\end{table}\n");
        return sb.ToString();
    }

    /// <summary>A score in full (round-trip) precision; infinity as "inf".</summary>
    public static string Number(double value) => double.IsPositiveInfinity(value) ? "inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string TexNumber(double value) => double.IsPositiveInfinity(value) ? "$\\infty$" : value.ToString("G6", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Markdown table cell: pipes, backslashes and markup characters escaped, line breaks flattened.</summary>
    private static string Md(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\r' or '\n')
            {
                sb.Append(' ');
                continue;
            }

            if ("\\|*_`[]<>#!~".Contains(ch, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    private static string Comment(string text) => text.Replace('\n', ' ').Replace('\r', ' ');

    private static string? BibKey(string bibTeX)
    {
        var open = bibTeX.IndexOf('{', StringComparison.Ordinal);
        var comma = bibTeX.IndexOf(',', StringComparison.Ordinal);
        return open >= 0 && comma > open ? bibTeX[(open + 1)..comma].Trim() : null;
    }
}
