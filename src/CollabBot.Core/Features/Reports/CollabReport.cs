using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.Core.Reports;

namespace CollabBot.Core.Features.Reports;

/// <summary>The deployment-wide report, for admins: every group's activity together (dates in UTC).</summary>
[Command("collab report")]
public sealed class CollabReport(ActivityReports reports) : CommandHandler<CollabReport.Args>
{
    public sealed record Args(string? Since, string? Until, string? Format);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var (since, until, error) = reports.Period(ReportArgs.Date(args.Since), ReportArgs.Date(args.Until), "UTC");
        if (error is not null)
        {
            return Reply.Invalid(error, context.Usage);
        }

        var report = await reports.ForDeploymentAsync(context.Db, since, until, cancellationToken);
        return ReportFormats.Parse(args.Format) is { } format && args.Format is not null && format != ReportFormat.Html
            ? ReportReplies.File(report, format, null)
            : ReportReplies.Summary(report, null);
    }
}
