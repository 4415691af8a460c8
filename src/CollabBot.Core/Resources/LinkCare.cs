using CollabBot.Core.Data;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.Resources;

/// <summary>
/// Link care: the weekly pass over the library's links (<see cref="LinkChecker"/>, polite per host), and word to each
/// group whose links broke — once, in the group's channels, for its conveners, through the outbox with a dedupe key
/// per breakage, so a pass run twice (or by two instances) still tells them once. The scheduler runs
/// <see cref="RunDueAsync"/> weekly; <c>/resource check --all</c> starts <see cref="StartAll"/> at once.
/// Passes never overlap.
/// </summary>
public sealed partial class LinkCare(IServiceScopeFactory scopes, LinkChecker checker, OutboxSignal outboxSignal, TimeProvider clock, ILogger<LinkCare> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(7);

    /// <summary>A pass checks at most this many links (oldest check first); at one request per host per second, hosts in turn, that is hours at worst.</summary>
    public const int MaxPerPass = 5000;

    private readonly SemaphoreSlim running = new(1, 1);

    /// <summary>Passes started by <see cref="StartAll"/>, for shutdown and tests to wait on.</summary>
    public BackgroundWork Background { get; } = new();

    /// <summary>The weekly pass: links not checked in the last <see cref="Interval"/>. Null when a pass is already running.</summary>
    public Task<LinkCheckReport?> RunDueAsync(CancellationToken cancellationToken = default) =>
        RunPassAsync(clock.GetUtcNow() - Interval, cancellationToken);

    /// <summary>Starts a pass over every link now (not only those due), in the background; false when one is already running.</summary>
    public bool StartAll()
    {
        if (running.CurrentCount == 0)
        {
            return false;
        }

        Background.Track(Task.Run(async () =>
        {
            try
            {
                // Due before tomorrow: every link, oldest check first.
                await RunPassAsync(clock.GetUtcNow().AddDays(1), CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        }));
        return true;
    }

    private async Task<LinkCheckReport?> RunPassAsync(DateTimeOffset checkedBefore, CancellationToken cancellationToken)
    {
        if (!await running.WaitAsync(0, cancellationToken))
        {
            return null;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            var report = await checker.CheckDueAsync(db, checkedBefore, MaxPerPass, cancellationToken);
            var outbox = new OutboxWriter(db);
            await NotifyAsync(db, outbox, report, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (outbox.Queued > 0)
            {
                outboxSignal.Pulse();
            }

            LogPass(logger, report.Checked, report.Working, report.NewlyBroken.Count, report.Repaired.Count);
            return report;
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>
    /// One message per group whose links broke in this pass, to the group's channels, naming its conveners. The dedupe
    /// key names each breakage (resource and when it was marked), so the same breakage is told once.
    /// Returns how many messages were queued.
    /// </summary>
    public static async Task<int> NotifyAsync(CollabBotDbContext db, OutboxWriter outbox, LinkCheckReport report, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var breakage in report.ByGroup)
        {
            var group = await db.Groups.FirstAsync(g => g.Id == breakage.GroupId, cancellationToken);
            if (group.IsArchived)
            {
                continue;
            }

            var ids = breakage.Links.Select(l => l.ResourceId).ToList();
            var since = await db.ResourceLinks.AsNoTracking().Where(l => ids.Contains(l.ResourceId)).ToDictionaryAsync(l => l.ResourceId, l => l.BrokenSince, cancellationToken);
            var conveners = await db.Memberships.AsNoTracking()
                .Where(m => m.GroupId == group.Id && m.EndedAt == null && m.Role == Domain.MemberRole.Convener)
                .Select(m => m.Person).ToListAsync(cancellationToken);
            var names = conveners.Select(Commands.People.Name).Order(StringComparer.Ordinal).ToList();
            var b = new ReplyBuilder($"Broken links in {group.Name}'s library")
                .Line($"For {(names.Count == 0 ? "the conveners" : string.Join(", ", names))}: the weekly link check found {(breakage.Links.Count == 1 ? "a link that no longer works" : $"{breakage.Links.Count} links that no longer work")}.");
            foreach (var link in breakage.Links)
            {
                b.Line(Line.Of(new Strong(link.Ref), new Text($" {link.Title} — "), new Link(link.Url, link.Url), new Text(": " + (link.Status is { } s ? $"HTTP {s}" : link.Reason))));
            }

            b.Line(Line.Of(new Text("Fix one with "), new Code("/resource edit #N --url <new address>"), new Text(", or "), new Code("/resource retire #N"), new Text($" if it is gone; /resource list {group.Slug} --broken lists them.")));
            var key = $"resource-links-broken:{group.Id}:" + string.Join(',', breakage.Links.Select(l => $"{l.ResourceId}@{since.GetValueOrDefault(l.ResourceId)?.ToUnixTimeSeconds()}"));
            queued += await outbox.ToGroupChannelsAsync(group, b.Build(), new SendOptions(DedupeKey: key), cancellationToken);
        }

        return queued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Link care: {Checked} links checked, {Working} working, {Broken} newly broken, {Repaired} repaired")]
    private static partial void LogPass(ILogger logger, int @checked, int working, int broken, int repaired);

    [LoggerMessage(Level = LogLevel.Error, Message = "Link care pass failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
