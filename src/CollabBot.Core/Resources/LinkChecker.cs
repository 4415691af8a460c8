using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.Resources;

/// <summary>A link found broken by this run.</summary>
public sealed record BrokenLink(int ResourceId, string Title, string Url, int? Status, string Reason)
{
    public string Ref => ResourceKeys.Ref(ResourceId);
}

/// <summary>The links of one group that broke in this run, for one message to its conveners.</summary>
public sealed record GroupBreakage(int GroupId, string GroupSlug, string GroupName, IReadOnlyList<BrokenLink> Links);

/// <param name="NewlyBroken">Resources that were not broken before this run and are now.</param>
/// <param name="ByGroup">The same, per group (a resource in two groups is in both); resources in no group are only in <paramref name="NewlyBroken"/>.</param>
/// <param name="Repaired">Resources that were broken and work again.</param>
/// <summary>What one address answered: <paramref name="Permanent"/> when the failure breaks the link at once (404, 410, a refused or non-web address).</summary>
public sealed record LinkProbe(bool Ok, int? Status, string Reason, bool Permanent);

public sealed record LinkCheckReport(int Checked, int Working, IReadOnlyList<BrokenLink> NewlyBroken, IReadOnlyList<GroupBreakage> ByGroup, IReadOnlyList<int> Repaired);

/// <summary>
/// Checks resources' addresses, politely and within bounds: HEAD first, GET when HEAD is refused or fails (some
/// servers answer HEAD with 403, 404, 405 or 501); at most one request per host per second (hosts taken in turn, so
/// many hosts do not wait on each other); every request under <see cref="SafeDownloader"/>'s rules (private
/// addresses refused unless listed, redirects checked, bounded in time; no body read). A link is broken at once on
/// 404 or 410, a refused address or a non-web address, and otherwise after <see cref="FailuresToBreak"/> failed
/// checks in a row; a working answer clears it. Each result is saved as it comes (no transaction is held open while
/// a server is waited on). Link state is machine bookkeeping (<see cref="ResourceLink"/>): not audited.
/// </summary>
public sealed partial class LinkChecker(SafeDownloader downloader, TimeProvider clock, ILogger<LinkChecker> logger)
{
    public const int FailuresToBreak = 2;
    public static readonly TimeSpan PerHostInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The weekly pass: resources (not retired) never checked, or last checked before <paramref name="checkedBefore"/>, oldest first, at most <paramref name="max"/>.</summary>
    public async Task<LinkCheckReport> CheckDueAsync(CollabBotDbContext db, DateTimeOffset checkedBefore, int max, CancellationToken cancellationToken = default)
    {
        var ids = await db.Resources.AsNoTracking()
            .Where(r => r.RetiredAt == null && (r.Link == null || r.Link.CheckedAt == null || r.Link.CheckedAt < checkedBefore))
            .OrderBy(r => r.Link == null ? 0 : 1).ThenBy(r => r.Link!.CheckedAt).ThenBy(r => r.Id)
            .Select(r => r.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        return await CheckAsync(db, ids, cancellationToken);
    }

    /// <summary>Checks these resources now, retired ones included if named, saving each result as it comes.</summary>
    public async Task<LinkCheckReport> CheckAsync(CollabBotDbContext db, IReadOnlyCollection<int> resourceIds, CancellationToken cancellationToken = default)
    {
        var resources = await LoadAsync(db, resourceIds, cancellationToken);
        var tally = new Tally();
        var nextSlot = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in RoundRobinByHost(resources))
        {
            Record(resource, await ProbeAsync(resource.Url, nextSlot, cancellationToken), tally);
            await db.SaveChangesAsync(cancellationToken);
        }

        return tally.Report(resources.Count);
    }

    /// <summary>Asks one address now, without touching the database (<c>/resource check #N</c> does this before its transaction).</summary>
    public Task<LinkProbe> ProbeAsync(string url, CancellationToken cancellationToken = default) =>
        ProbeAsync(url, new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase), cancellationToken);

    /// <summary>Records a probe made by <see cref="ProbeAsync(string, CancellationToken)"/>, as a pass would have (the caller saves).</summary>
    public async Task<LinkCheckReport> RecordAsync(CollabBotDbContext db, int resourceId, LinkProbe probe, CancellationToken cancellationToken = default)
    {
        var resources = await LoadAsync(db, [resourceId], cancellationToken);
        var tally = new Tally();
        foreach (var resource in resources)
        {
            Record(resource, probe, tally);
        }

        return tally.Report(resources.Count);
    }

    private static Task<List<Resource>> LoadAsync(CollabBotDbContext db, IReadOnlyCollection<int> resourceIds, CancellationToken cancellationToken) =>
        db.Resources
            .Include(r => r.Link)
            .Include(r => r.Groups).ThenInclude(g => g.Group)
            .Where(r => resourceIds.Contains(r.Id))
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);

    private void Record(Resource resource, LinkProbe probe, Tally tally)
    {
        var link = resource.Link ??= new ResourceLink { ResourceId = resource.Id };
        var wasBroken = link.IsBroken;
        var now = clock.GetUtcNow();
        link.CheckedAt = now;
        link.LastStatus = probe.Status;
        if (probe.Ok)
        {
            tally.Working++;
            link.LastOkAt = now;
            link.Failures = 0;
            link.LastError = null;
            link.BrokenSince = null;
            if (wasBroken)
            {
                tally.Repaired.Add(resource.Id);
            }
        }
        else
        {
            link.Failures++;
            link.LastError = probe.Reason.Length > 300 ? probe.Reason[..300] : probe.Reason;
            if (!wasBroken && (probe.Permanent || link.Failures >= FailuresToBreak))
            {
                link.BrokenSince = now;
                tally.NewlyBroken.Add((resource, new BrokenLink(resource.Id, resource.Title, resource.Url, probe.Status, probe.Reason)));
                LogBroken(logger, resource.Id, probe.Status, probe.Reason);
            }
        }
    }

    /// <summary>What a run found so far.</summary>
    private sealed class Tally
    {
        public int Working { get; set; }

        public List<(Resource Resource, BrokenLink Link)> NewlyBroken { get; } = [];

        public List<int> Repaired { get; } = [];

        public LinkCheckReport Report(int count)
        {
            var byGroup = NewlyBroken
                .SelectMany(b => b.Resource.Groups.Select(g => (g.Group, b.Link)))
                .GroupBy(x => x.Group.Id)
                .Select(g => new GroupBreakage(g.Key, g.First().Group.Slug, g.First().Group.Name, [.. g.Select(x => x.Link).OrderBy(l => l.ResourceId)]))
                .OrderBy(g => g.GroupSlug, StringComparer.Ordinal)
                .ToList();
            return new LinkCheckReport(count, Working, [.. NewlyBroken.Select(b => b.Link)], byGroup, Repaired);
        }
    }

    /// <summary>HEAD, then GET when HEAD did not succeed with an answer; each request waits for its host's slot.</summary>
    private async Task<LinkProbe> ProbeAsync(string url, Dictionary<string, DateTimeOffset> nextSlot, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new(false, null, "The address is not a valid web address.", true);
        }

        var head = await RequestAsync(uri, HttpMethod.Head, nextSlot, cancellationToken);
        if (head.IsSuccess)
        {
            return new(true, head.Status, "", false);
        }

        if (head.Failure is DownloadFailure.RefusedAddress or DownloadFailure.NotHttp or DownloadFailure.UnknownHost or DownloadFailure.TooManyRedirects or DownloadFailure.Timeout)
        {
            return new(false, head.Status, head.Error ?? "", head.Failure is DownloadFailure.RefusedAddress or DownloadFailure.NotHttp);
        }

        var get = await RequestAsync(uri, HttpMethod.Get, nextSlot, cancellationToken);
        if (get.IsSuccess)
        {
            return new(true, get.Status, "", false);
        }

        var gone = get.Status is 404 or 410;
        return new(false, get.Status, get.Error ?? "", gone || get.Failure is DownloadFailure.RefusedAddress or DownloadFailure.NotHttp);
    }

    private async Task<DownloadResult> RequestAsync(Uri uri, HttpMethod method, Dictionary<string, DateTimeOffset> nextSlot, CancellationToken cancellationToken)
    {
        var host = uri.IdnHost;
        if (nextSlot.TryGetValue(host, out var slot) && slot > clock.GetUtcNow())
        {
            await Task.Delay(slot - clock.GetUtcNow(), clock, cancellationToken);
        }

        nextSlot[host] = clock.GetUtcNow() + PerHostInterval;
        return await downloader.DownloadAsync(new DownloadRequest(uri) { Method = method, ReadBody = false, Timeout = RequestTimeout }, null, cancellationToken);
    }

    /// <summary>One resource per host in turn, so a host with many resources is paced without holding up the others.</summary>
    private static IEnumerable<Resource> RoundRobinByHost(IReadOnlyList<Resource> resources)
    {
        var queues = resources
            .GroupBy(r => Uri.TryCreate(r.Url, UriKind.Absolute, out var u) ? u.IdnHost.ToLowerInvariant() : "")
            .Select(g => new Queue<Resource>(g))
            .ToList();
        while (queues.Count > 0)
        {
            foreach (var queue in queues.ToList())
            {
                yield return queue.Dequeue();
                if (queue.Count == 0)
                {
                    queues.Remove(queue);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource {ResourceId} link marked broken (status {Status}): {Reason}")]
    private static partial void LogBroken(ILogger logger, int resourceId, int? status, string reason);
}
