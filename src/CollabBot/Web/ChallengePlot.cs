using CollabBot.Core.Features.Challenges;
using ScottPlot;

namespace CollabBot.Web;

/// <summary>
/// A challenge's progress plot, drawn on the server with ScottPlot: the best score over time as a step line, each
/// baseline and the target as horizontal lines. The same plot as SVG (inline in the page) and PNG (at
/// <c>/challenges/{slug}/progress.png</c>, for Slack image blocks and Discord embeds). No user text is drawn: the
/// legend says "baseline 1", "baseline 2", so a method's name cannot inject markup into the inline SVG.
/// </summary>
public static class ChallengePlot
{
    public const int Width = 720;
    public const int Height = 360;

    /// <param name="now">The right end of the time axis while the challenge runs (its closing time once closed).</param>
    public static byte[] Png(ChallengeBoard board, DateTimeOffset now) => Build(board, now).GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>The plot as SVG with a <c>viewBox</c>, so the page's style can scale it down to a phone's width.</summary>
    public static string Svg(ChallengeBoard board, DateTimeOffset now)
    {
        var svg = Build(board, now).GetSvgXml(Width, Height);
        var open = svg.IndexOf("<svg", StringComparison.Ordinal);
        return open < 0 || svg.Contains("viewBox", StringComparison.Ordinal)
            ? svg
            : svg.Insert(open + "<svg".Length, FormattableString.Invariant($" viewBox=\"0 0 {Width} {Height}\""));
    }

    private static Plot Build(ChallengeBoard board, DateTimeOffset now)
    {
        var plot = new Plot();
        var challenge = board.Challenge;
        var start = (challenge.OpenedAt ?? challenge.CreatedAt).UtcDateTime;
        var end = challenge.ClosedAt?.UtcDateTime ?? now.UtcDateTime;
        if (end <= start)
        {
            end = start.AddDays(1);
        }

        var finite = board.Progress.Where(p => double.IsFinite(p.Best)).ToList();
        if (finite.Count > 0)
        {
            var xs = finite.Select(p => p.At.UtcDateTime.ToOADate()).Append(end.ToOADate()).ToArray();
            var ys = finite.Select(p => p.Best).Append(finite[^1].Best).ToArray();
            var best = plot.Add.Scatter(xs, ys);
            best.ConnectStyle = ConnectStyle.StepHorizontal;
            best.LegendText = "best " + board.Metric.Name;
            best.LineWidth = 2;
        }

        var index = 0;
        foreach (var baseline in challenge.Baselines.OrderBy(b => b.Id))
        {
            var line = plot.Add.HorizontalLine(baseline.Score);
            line.LegendText = $"baseline {++index}";
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
        }

        if (challenge.Target is { } target)
        {
            var line = plot.Add.HorizontalLine(target);
            line.LegendText = "target";
            line.LinePattern = LinePattern.Dotted;
            line.Color = Colors.DarkGreen;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.SetLimitsX(start.ToOADate(), end.ToOADate());
        plot.XLabel("time (UTC)");
        plot.YLabel(board.Metric.Name + " (" + ChallengeText.Part(board.Part) + " part)");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
