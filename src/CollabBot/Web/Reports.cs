using System.Globalization;
using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Reports;
using CollabBot.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web;

/// <summary>
/// <c>GET /wg/&lt;slug&gt;/report</c> (the page, <see cref="ReportPage"/>) and <c>.md</c>, <c>.csv</c>, <c>.json</c>, each with
/// <c>?since=YYYY-MM-DD&amp;until=YYYY-MM-DD</c> as in <c>/wg report</c>.
/// </summary>
public static class Reports
{
    public static void MapReports(this WebApplication app)
    {
        app.MapGet("/wg/{slug}/report", ReportPage.HandleAsync);
        app.MapGet("/wg/{slug}/report.{ext}", DownloadAsync);
    }

    /// <summary>The group and its report, or the answer to give instead (404 for no group, 400 for a bad period).</summary>
    public static async Task<(ActivityReport? Report, WorkingGroup? Group, IResult? Answer)> LoadAsync(
        string slug, string? since, string? until, CollabBotDbContext db, ActivityReports reports, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == slug.ToLowerInvariant(), cancellationToken);
        if (group is null)
        {
            return (null, null, await NotFoundPage.ForAsync(NotFoundPage.Groups, slug, db.Groups.Select(g => g.Slug), cancellationToken));
        }

        DateOnly? from = null, to = null;
        foreach (var (name, text) in new[] { ("since", since), ("until", until) })
        {
            if (text is null)
            {
                continue;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return (null, group, Results.Text($"'{Clip(text)}' is not a date: give {name} as YYYY-MM-DD, e.g. {name}=2026-01-31.", "text/plain; charset=utf-8", statusCode: 400));
            }

            if (name == "since")
            {
                from = day;
            }
            else
            {
                to = day;
            }
        }

        var (start, end, error) = reports.Period(from, to, group.TimeZone);
        if (error is not null)
        {
            return (null, group, Results.Text(error.Replace("--since", "since", StringComparison.Ordinal).Replace("--until", "until", StringComparison.Ordinal), "text/plain; charset=utf-8", statusCode: 400));
        }

        return (await reports.ForGroupAsync(db, group, start, end, cancellationToken), group, null);
    }

    private static async Task<IResult> DownloadAsync(
        string slug, string ext, string? since, string? until, HttpContext http, CollabBotDbContext db, ActivityReports reports, CancellationToken cancellationToken)
    {
        var format = ext.ToLowerInvariant() switch
        {
            "md" => ReportFormat.Markdown,
            "csv" => ReportFormat.Csv,
            "json" => ReportFormat.Json,
            _ => (ReportFormat?)null,
        };
        if (format is null)
        {
            return Results.Text($"'{Clip(ext)}' is not a report format. Use .md, .csv or .json, or the page without an extension.", "text/plain; charset=utf-8", statusCode: 404);
        }

        var (report, group, answer) = await LoadAsync(slug, since, until, db, reports, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{group!.Slug}-report-{report!.Since}-{report.Until}{ReportFormats.Extension(format.Value)}\"";
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Text(ReportFormats.Render(format.Value, report!), ReportFormats.ContentType(format.Value), Encoding.UTF8);
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
