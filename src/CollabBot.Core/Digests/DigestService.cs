using System.Collections.Concurrent;
using System.Globalization;
using CollabBot.Core.Data;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using CollabBot.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.Digests;

/// <summary>
/// Posts each group's digest once per period. <see cref="RunDueAsync"/> is called every minute (by the scheduler's
/// Quartz job) and after a start: for every group with a linked channel whose latest digest fell due within
/// <see cref="CatchUp"/>, it builds the report of the period and, when something happened, queues one message per
/// channel through <see cref="OutboxWriter"/> under the digest's key. The key's unique index claims it: a restart,
/// a second firing or a second instance adds nothing. A period with no activity posts nothing.
/// </summary>
public sealed partial class DigestService(
    IServiceScopeFactory scopes,
    ActivityReports reports,
    OutboxSignal outbox,
    TimeProvider clock,
    ILogger<DigestService> logger)
{
    /// <summary>A digest missed while the service was down is still posted if at most this late.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromDays(1);

    /// <summary>Periods this process has already settled (posted, found posted, or found empty): not built again every minute.</summary>
    private readonly ConcurrentDictionary<string, bool> settled = new(StringComparer.Ordinal);

    public enum Outcome
    {
        Queued,
        AlreadySent,
        NothingHappened,
        NoChannel,
    }

    /// <summary>Every digest due now; returns what happened to each one looked at.</summary>
    public async Task<IReadOnlyList<(DigestDue Due, Outcome Outcome)>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var groups = await db.Groups.AsNoTracking()
            .Where(g => !g.IsArchived && g.ChannelLinks.Any(c => c.UnlinkedAt == null))
            .OrderBy(g => g.Id)
            .ToListAsync(cancellationToken);
        var ids = groups.Select(g => g.Id).ToList();
        var schedules = await db.DigestSchedules.AsNoTracking().Where(s => ids.Contains(s.GroupId)).ToDictionaryAsync(s => s.GroupId, cancellationToken);
        var results = new List<(DigestDue, Outcome)>();
        foreach (var group in groups)
        {
            var due = DigestPlan.Of(schedules.GetValueOrDefault(group.Id)).Latest(group.Id, group.TimeZone, now);
            if (due is null || now - due.DueAt > CatchUp || settled.ContainsKey(due.Key))
            {
                continue;
            }

            var outcome = await SendAsync(due, cancellationToken);
            settled[due.Key] = true;
            results.Add((due, outcome));
        }

        return results;
    }

    /// <summary>One group's digest for one period: built, checked for activity, queued once.</summary>
    public async Task<Outcome> SendAsync(DigestDue due, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var prefix = due.Key + ":";
        if (await db.OutboundMessages.AnyAsync(m => m.DedupeKey != null && m.DedupeKey.StartsWith(prefix), cancellationToken))
        {
            return Outcome.AlreadySent;
        }

        var group = await db.Groups.AsNoTracking().FirstAsync(g => g.Id == due.GroupId, cancellationToken);
        var report = await reports.ForGroupAsync(db, group, due.Since, due.Until, cancellationToken);
        if (!report.HasActivity)
        {
            LogNothingHappened(logger, group.Slug, due.Key);
            return Outcome.NothingHappened;
        }

        var send = new SendOptions(due.Key, due.DueAt, due.DueAt + CatchUp);
        var queued = await new OutboxWriter(db).ToGroupChannelsAsync(group, Content(report, group.Slug), send, cancellationToken);
        if (queued == 0)
        {
            return Outcome.NoChannel;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueKeys.IsViolation(ex))
        {
            // Another instance (or an earlier firing) queued the same digest first: the unique key kept it once.
            return Outcome.AlreadySent;
        }

        outbox.Pulse();
        return Outcome.Queued;
    }

    /// <summary>
    /// Short: a line per section that saw something — its non-zero numbers, its headline (the most-voted idea, a new
    /// leader), a link to its part of the dashboard — then the links. Never the tables.
    /// </summary>
    public static Reply Content(ActivityReport report, string slug)
    {
        var b = new ReplyBuilder($"Digest: {report.Title}");
        foreach (var section in report.Sections)
        {
            var counts = section.Counts.Where(c => c.Value > 0 && (c.Activity || section.Id == "coming")).ToList();
            if (counts.Count > 0 && (section.HasActivity || section.Id == "coming"))
            {
                var text = string.Join(" · ", counts.Select(c => $"{c.Label}: {c.Value.ToString(CultureInfo.InvariantCulture)}"));
                if (section.Headline is { } headline)
                {
                    text += " — " + headline;
                }

                b.Line(counts[0].Link is { } link ? Line.Of(new Text(text + " "), new Link(link, "(dashboard)")) : Line.Of(new Text(text)));
            }
        }

        var page = report.Link + $"?since={report.Since}&until={report.Until}";
        var chart = report.Link + $"/meetings.png?since={report.Since}&until={report.Until}";
        return b.Line(Line.Of(new Text("Tables, names and charts: "), new Link(page, page)))
            .Line(Line.Of(new Text("Chart: "), new Link(chart, "meetings and talks per month")))
            .Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest of {Group} for {Key}: nothing happened, nothing posted")]
    private static partial void LogNothingHappened(ILogger logger, string group, string key);
}
