using System.Globalization;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Reports;
using Microsoft.AspNetCore.Components;

namespace CollabBot.Web.Pages;

public sealed partial class ReportPage
{
    public sealed record View(WorkingGroup Group, ActivityReport Report, ActivityCharts Charts);

    /// <summary>The heading of the charts' section, which the report's formats do not have.</summary>
    public const string ChartsHeading = "Activity over time";

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    private WorkingGroup Group => Model.Group;

    private ActivityReport Report => Model.Report;

    private string Chart(string name, string ext) => $"/wg/{Group.Slug}/report/{name}.{ext}?since={Report.Since}&until={Report.Until}";

    private string Download(ReportFormat format) => $"/wg/{Group.Slug}/report{ReportFormats.Extension(format)}?since={Report.Since}&until={Report.Until}";

    public static async Task<IResult> HandleAsync(
        string slug, string? since, string? until, CollabBotDbContext db, ActivityReports reports, CancellationToken cancellationToken)
    {
        var (report, group, answer) = await Reports.LoadAsync(slug, since, until, db, reports, cancellationToken);
        if (answer is not null)
        {
            return answer;
        }

        var charts = await reports.ChartsAsync(db, group!, DateOnly.Parse(report!.Since, CultureInfo.InvariantCulture), DateOnly.Parse(report.Until, CultureInfo.InvariantCulture), cancellationToken);
        return Dashboard.Page<ReportPage>(new { Model = new View(group!, report, charts) });
    }
}
