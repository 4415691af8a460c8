using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.Datasets;

/// <summary>What one polling round did; the benchmark and the tests read it.</summary>
public sealed record PollRound(int Datasets, int Requests, int NotModified, int Changed, int Posted, int Failed, int LeftToWebhooks)
{
    public static PollRound Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// Polls GitHub for tracked datasets whose repositories send no webhooks. Each dataset's request stays the same from
/// round to round (same label, same fixed <c>since</c>) and carries the ETag last received, so an unchanged repository
/// answers <c>304</c>, which costs no rate limit and writes nothing here. A changed answer is compared with the stored
/// issue states; new, closed and reopened issues are queued for the tracking channels in the same save as the new
/// states, so each is posted once, also across restarts.
/// </summary>
public sealed partial class IssuePolling(IServiceScopeFactory scopes, IGitHubIssues github, OutboxSignal outbox, TimeProvider clock, ILogger<IssuePolling> logger)
{
    /// <summary>A repository that delivered a webhook within this time is left to its webhooks.</summary>
    public static readonly TimeSpan WebhookQuiet = TimeSpan.FromDays(1);

    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private sealed record Target(int Id, string Slug, string Owner, string Name, string? Label, DateTimeOffset FirstTracked)
    {
        public string IssueLabel => Label ?? Slug;

        public string RequestKey => $"{Owner}/{Name}#{IssueLabel}";
    }

    public async Task<PollRound> PollAsync(CancellationToken cancellationToken = default)
    {
        if (!github.IsConfigured)
        {
            return PollRound.Empty;
        }

        List<Target> targets;
        Dictionary<int, GitHubPollState> states;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            targets = await db.Datasets.AsNoTracking()
                .Where(d => d.RepoOwner != null && d.RepoName != null && d.Trackings.Any(t => t.EndedAt == null))
                .OrderBy(d => d.Id)
                .Select(d => new Target(d.Id, d.Slug, d.RepoOwner!, d.RepoName!, d.Label, d.Trackings.Where(t => t.EndedAt == null).Min(t => t.StartedAt)))
                .ToListAsync(cancellationToken);
            var ids = targets.Select(t => t.Id).ToList();
            states = await db.GitHubPollStates.AsNoTracking().Where(s => ids.Contains(s.DatasetId)).ToDictionaryAsync(s => s.DatasetId, cancellationToken);
        }

        int requests = 0, notModified = 0, changed = 0, posted = 0, failed = 0, webhooks = 0;
        var now = clock.GetUtcNow();
        foreach (var target in targets)
        {
            var state = states.GetValueOrDefault(target.Id);
            if (state?.WebhookSeenAt is { } seen && now - seen < WebhookQuiet)
            {
                webhooks++;
                continue;
            }

            var since = state?.Since ?? target.FirstTracked;
            var etag = state?.RequestKey == target.RequestKey ? state.ETag : null;
            var repo = new RepoRef(target.Owner, target.Name);
            GitHubResult<IssuePage> result;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(RequestTimeout);
                try
                {
                    result = await github.GetIssuesSinceAsync(repo, target.IssueLabel, since, etag, timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    result = new GitHubFailure(GitHubFailureKind.Unreachable, "no answer in time");
                }
            }

            requests++;
            if (result.Failure is { } failure)
            {
                failed++;
                LogPollFailed(logger, target.Slug, repo.ToString(), failure.Kind.ToString(), failure.Detail);
                if (failure.Kind is GitHubFailureKind.RateLimited or GitHubFailureKind.Unauthorized or GitHubFailureKind.NotConfigured)
                {
                    // Every further request would fail the same way (and a rate limit must not be pushed); the next round tries again.
                    break;
                }

                continue;
            }

            var page = result.Value!;
            if (page.NotModified)
            {
                notModified++;
                continue;
            }

            changed++;
            try
            {
                posted += await ApplyAsync(target, since, page, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A webhook moved the same state meanwhile; the next round compares again (the dedupe keys keep posts single).
                LogStateRace(logger, target.Slug);
            }
        }

        if (posted > 0)
        {
            outbox.Pulse();
        }

        var round = new PollRound(targets.Count, requests, notModified, changed, posted, failed, webhooks);
        LogRound(logger, round.Datasets, round.Requests, round.NotModified, round.Changed, round.Posted, round.Failed);
        return round;
    }

    /// <summary>Compares the answer with the stored states and saves the new states together with the posts they cause.</summary>
    private async Task<int> ApplyAsync(Target target, DateTimeOffset since, IssuePage page, CancellationToken cancellationToken)
    {
        // A scope per changed dataset: changes are rare, and a failed save must not leave others' changes pending.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var dataset = await db.Datasets.Include(d => d.Trackings.Where(t => t.EndedAt == null)).FirstAsync(d => d.Id == target.Id, cancellationToken);
        var state = await db.GitHubPollStates.FirstOrDefaultAsync(s => s.DatasetId == target.Id, cancellationToken);
        if (state is null)
        {
            state = new GitHubPollState { DatasetId = target.Id, Since = since };
            db.GitHubPollStates.Add(state);
        }

        var known = IssueStates.Read(state.IssueStates);
        var events = new List<IssueEvent>();
        foreach (var issue in page.Issues.OrderBy(i => i.Number))
        {
            if (!known.TryGetValue(issue.Number, out var was))
            {
                if (issue.CreatedAt >= since)
                {
                    events.Add(new IssueEvent(IssueAction.Opened, issue, issue.Author));
                }

                if (issue.State == IssueState.Closed && issue.ClosedAt >= since)
                {
                    events.Add(new IssueEvent(IssueAction.Closed, issue, null));
                }
            }
            else if (was != issue.State)
            {
                events.Add(new IssueEvent(issue.State == IssueState.Closed ? IssueAction.Closed : IssueAction.Reopened, issue, null));
            }

            known[issue.Number] = issue.State;
        }

        var writer = new OutboxWriter(db);
        var posted = 0;
        foreach (var e in events)
        {
            var message = e.Message(dataset);
            foreach (var tracking in dataset.Trackings)
            {
                if (await writer.ToChannelAsync(new ChannelAddress(tracking.Platform, tracking.Tenant, tracking.ChannelId), message, new SendOptions(e.DedupeKey(dataset.Id, tracking.Id)), cancellationToken))
                {
                    posted++;
                }
            }
        }

        state.IssueStates = IssueStates.Write(known);
        state.ETag = page.ETag;
        state.RequestKey = target.RequestKey;
        if (events.Count > 0)
        {
            state.LastChangedAt = db.Now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return posted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Dataset} ({Repository}) failed: {Kind} {Detail}")]
    private static partial void LogPollFailed(ILogger logger, string dataset, string repository, string kind, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling {Dataset}: its issue state changed meanwhile; comparing again next round")]
    private static partial void LogStateRace(ILogger logger, string dataset);

    [LoggerMessage(Level = LogLevel.Debug, Message = "GitHub polling round: {Datasets} datasets, {Requests} requests, {NotModified} unchanged (304), {Changed} changed, {Posted} posts, {Failed} failed")]
    private static partial void LogRound(ILogger logger, int datasets, int requests, int notModified, int changed, int posted, int failed);
}
