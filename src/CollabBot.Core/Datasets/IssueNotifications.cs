using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.Datasets;

public enum DeliveryOutcome
{
    /// <summary>Posted to at least one tracking channel.</summary>
    Posted,

    /// <summary>Handled, but no channel tracks a dataset it concerns.</summary>
    NotTracked,

    /// <summary>This delivery id was handled before: acknowledged, nothing done.</summary>
    Duplicate,
}

/// <summary>
/// Turns a webhook delivery into posts for the channels tracking the datasets it concerns (same repository, issue
/// carries the dataset's label). The delivery id is claimed in the same transaction as the posts and the issue
/// state, so a redelivery is acknowledged without posting again, and a failure leaves nothing half done.
/// </summary>
public sealed partial class IssueNotifications(IServiceScopeFactory scopes, OutboxSignal outbox, ILogger<IssueNotifications> logger)
{
    public const string Source = "github";
    private const int Attempts = 3;

    public async Task<DeliveryOutcome> HandleAsync(string deliveryId, string repository, IssueEvent issueEvent, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await HandleOnceAsync(deliveryId, repository, issueEvent, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Polling advanced the same issue state meanwhile; run again on fresh data (the dedupe key keeps it to one post).
                LogRetry(logger, deliveryId, attempt);
            }
        }
    }

    /// <summary>A <c>ping</c> (or any event) from a repository: its datasets are now left to webhooks, not polling.</summary>
    public async Task<DeliveryOutcome> HandlePingAsync(string deliveryId, string? repository, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await Deliveries.TryClaimAsync(db, Source, deliveryId, cancellationToken))
        {
            return DeliveryOutcome.Duplicate;
        }

        if (repository is not null)
        {
            foreach (var dataset in await DatasetsOfAsync(db, repository, cancellationToken))
            {
                (await StateAsync(db, dataset, cancellationToken)).WebhookSeenAt = db.Now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DeliveryOutcome.NotTracked;
    }

    private async Task<DeliveryOutcome> HandleOnceAsync(string deliveryId, string repository, IssueEvent e, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await Deliveries.TryClaimAsync(db, Source, deliveryId, cancellationToken))
        {
            LogDuplicate(logger, deliveryId);
            return DeliveryOutcome.Duplicate;
        }

        var writer = new OutboxWriter(db);
        var posted = 0;
        foreach (var dataset in await DatasetsOfAsync(db, repository, cancellationToken))
        {
            var state = await StateAsync(db, dataset, cancellationToken);
            state.WebhookSeenAt = db.Now;
            if (!Concerns(dataset, e))
            {
                continue;
            }

            if (e.Action is not IssueAction.Commented)
            {
                var states = IssueStates.Read(state.IssueStates);
                states[e.Issue.Number] = e.Issue.State;
                state.IssueStates = IssueStates.Write(states);
                state.LastChangedAt = db.Now;
            }

            var message = e.Message(dataset);
            foreach (var tracking in dataset.Trackings.Where(t => t.EndedAt == null))
            {
                if (await writer.ToChannelAsync(new ChannelAddress(tracking.Platform, tracking.Tenant, tracking.ChannelId), message, new SendOptions(e.DedupeKey(dataset.Id, tracking.Id)), cancellationToken))
                {
                    posted++;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (posted > 0)
        {
            outbox.Pulse();
        }

        return posted > 0 ? DeliveryOutcome.Posted : DeliveryOutcome.NotTracked;
    }

    /// <summary>The issue carries the dataset's label; a "labeled" event counts when the new label is that one or a version label.</summary>
    private static bool Concerns(Dataset dataset, IssueEvent e)
    {
        var label = dataset.IssueLabel;
        if (!e.Issue.Labels.Contains(label, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return e.Action is not IssueAction.Labeled
            || string.Equals(e.AddedLabel, label, StringComparison.OrdinalIgnoreCase)
            || e.AddedLabel?.StartsWith("version:", StringComparison.Ordinal) == true;
    }

    private static async Task<List<Dataset>> DatasetsOfAsync(CollabBotDbContext db, string repository, CancellationToken cancellationToken)
    {
        if (repository.Split('/') is not [var owner, var name])
        {
            return [];
        }

        owner = owner.ToLowerInvariant();
        name = name.ToLowerInvariant();
        return await db.Datasets
            .Include(d => d.Trackings.Where(t => t.EndedAt == null))
            .Where(d => d.RepoOwner!.ToLower() == owner && d.RepoName!.ToLower() == name)
            .ToListAsync(cancellationToken);
    }

    internal static async Task<GitHubPollState> StateAsync(CollabBotDbContext db, Dataset dataset, CancellationToken cancellationToken)
    {
        var state = await db.GitHubPollStates.FirstOrDefaultAsync(s => s.DatasetId == dataset.Id, cancellationToken);
        if (state is null)
        {
            state = new GitHubPollState { DatasetId = dataset.Id, Since = db.Now };
            db.GitHubPollStates.Add(state);
        }

        return state;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub delivery {Delivery} was already handled; acknowledged without posting again")]
    private static partial void LogDuplicate(ILogger logger, string delivery);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub delivery {Delivery} met a concurrent state change (attempt {Attempt}); handling it again")]
    private static partial void LogRetry(ILogger logger, string delivery, int attempt);
}
