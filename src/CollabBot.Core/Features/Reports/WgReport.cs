using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.Core.Reports;

namespace CollabBot.Core.Features.Reports;

[Command("wg report")]
public sealed class WgReport(ActivityReports reports) : CommandHandler<WgReport.Args>
{
    public sealed record Args(string? Since, string? Until, string? Format);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var (since, until, error) = reports.Period(ReportArgs.Date(args.Since), ReportArgs.Date(args.Until), group.TimeZone);
        if (error is not null)
        {
            return Reply.Invalid(error, context.Usage);
        }

        var report = await reports.ForGroupAsync(context.Db, group, since, until, cancellationToken);
        string Link(ReportFormat format) => context.Options.Link(ReportReplies.Path(group.Slug, format, report));
        return ReportFormats.Parse(args.Format) is { } format && args.Format is not null
            ? format == ReportFormat.Html
                ? Reply.Message(Line.Of(new Text($"{report.Title}: "), new Link(Link(format), Link(format))))
                : ReportReplies.File(report, format, Link(format))
            : ReportReplies.Summary(report, Link);
    }
}
