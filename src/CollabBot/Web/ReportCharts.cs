using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Reports;

namespace CollabBot.Web;

/// <summary>
/// The report's charts, drawn on the server with ScottPlot: <c>GET /wg/&lt;slug&gt;/report/&lt;chart&gt;.svg</c> (shown on the
/// report page) and <c>.png</c> (linked from digests, for chat clients that preview images), with the report's
/// <c>?since=&amp;until=</c>. Charts: <see cref="ActivityCharts.Names"/>.
/// </summary>
public static class ReportCharts
{
    public const int Width = 720;
    public const int Height = 300;

    public static void MapReportCharts(this WebApplication app) =>
        app.MapGet("/wg/{slug}/report/{file}", ChartAsync);

    private static async Task<IResult> ChartAsync(
        string slug, string file, string? since, string? until, HttpContext http, CollabBotDbContext db, ActivityReports reports, CancellationToken cancellationToken)
    {
        var dot = file.LastIndexOf('.');
        var name = dot < 0 ? file : file[..dot];
        var ext = dot < 0 ? "" : file[(dot + 1)..].ToLowerInvariant();
        if (!ActivityCharts.Names.Contains(name) || ext is not ("svg" or "png"))
        {
            return Results.Text($"There is no chart '{(file.Length > 40 ? file[..40] + "…" : file)}'. Charts: {string.Join(", ", ActivityCharts.Names.Select(n => n + ".svg"))} (or .png).", "text/plain; charset=utf-8", statusCode: 404);
        }

        var (report, group, answer) = await Reports.LoadAsync(slug, since, until, db, reports, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        var charts = await reports.ChartsAsync(db, group!, DateOnly.Parse(report!.Since, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(report.Until, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        http.Response.Headers.CacheControl = "no-cache";
        using var plot = Draw(charts, name);
        return ext == "svg"
            ? Results.Text(plot.GetSvgXml(Width, Height), "image/svg+xml; charset=utf-8", Encoding.UTF8)
            : Results.Bytes(plot.GetImageBytes(Width, Height, ScottPlot.ImageFormat.Png), "image/png");
    }

    /// <summary>Bars for one series, lines with markers for two; months on the horizontal axis, at most about twelve labels.</summary>
    public static ScottPlot.Plot Draw(ActivityCharts charts, string name)
    {
        var (title, unit, series) = charts.Chart(name)!.Value;
        var plot = new ScottPlot.Plot();
        var xs = Enumerable.Range(0, charts.Months.Count).Select(i => (double)i).ToArray();
        if (series.Count == 1)
        {
            plot.Add.Bars(xs, [.. series[0].Values.Select(v => (double)v)]);
        }
        else
        {
            foreach (var s in series)
            {
                var line = plot.Add.Scatter(xs, [.. s.Values.Select(v => (double)v)]);
                line.LegendText = s.Name;
            }

            plot.ShowLegend();
        }

        var step = Math.Max(1, (int)Math.Ceiling(charts.Months.Count / 12.0));
        var ticks = xs.Where((_, i) => i % step == 0).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(x => charts.Months[(int)x])]);
        plot.Axes.SetLimitsX(-0.6, Math.Max(0.6, xs.Length - 0.4));
        plot.Axes.SetLimitsY(0, Math.Max(1, series.Max(s => s.Values.DefaultIfEmpty(0).Max())) * 1.15);
        plot.Title(title);
        plot.YLabel(unit);
        return plot;
    }
}
