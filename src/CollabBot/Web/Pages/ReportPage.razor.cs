using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Reports;
using Microsoft.AspNetCore.Components;

namespace CollabBot.Web.Pages;

public sealed partial class ReportPage
{
    public sealed record View(WorkingGroup Group, ActivityReport Report);

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    private WorkingGroup Group => Model.Group;

    private ActivityReport Report => Model.Report;

    private string Download(ReportFormat format) => $"/wg/{Group.Slug}/report{ReportFormats.Extension(format)}?since={Report.Since}&until={Report.Until}";

    public static async Task<IResult> HandleAsync(
        string slug, string? since, string? until, CollabBotDbContext db, ActivityReports reports, CancellationToken cancellationToken)
    {
        var (report, group, answer) = await Reports.LoadAsync(slug, since, until, db, reports, cancellationToken);
        return answer ?? Dashboard.Page<ReportPage>(new { Model = new View(group!, report!) });
    }
}
