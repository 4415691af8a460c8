using System.Threading.Channels;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.Outbox;

/// <summary>
/// Delivers due outbox messages through the registered platform posters. A pass claims the due messages (up to
/// <see cref="BatchSize"/>) in one statement — its next attempt pushed out by a lease, so no other worker takes it
/// while the lease runs — then sends them concurrently, one lane per channel (or person) so that each channel still
/// gets its messages in order and the platform's per-channel pacing holds, and marks them sent in batches as they
/// come back. Failures back off exponentially until the message's give-up time.
/// </summary>
public sealed partial class OutboxDelivery(IServiceScopeFactory scopes, IEnumerable<IChatPoster> posters, TimeProvider clock, ILogger<OutboxDelivery> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public const int MaxAttempts = 12;

    /// <summary>
    /// How many messages one pass claims: as many as it posts at once. A pass that claimed a full batch runs again at
    /// once, so a burst still leaves without waiting; and several instances share it (each claims its batch with
    /// SKIP LOCKED), so an instance that dies strands at most one batch under its lease rather than the whole burst.
    /// </summary>
    public const int BatchSize = MaxConcurrentChannels;

    /// <summary>How many channels a pass posts to at once; each channel's own messages go one after another.</summary>
    public const int MaxConcurrentChannels = 32;

    /// <summary>
    /// A pass claims messages falling due this much ahead of now, so that claiming (a database commit) is done when the
    /// due instant comes; such a message is held in its lane until its due time and never posted before it.
    /// </summary>
    public static readonly TimeSpan ClaimAhead = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, IChatPoster> byPlatform = posters.ToDictionary(p => p.Platform, StringComparer.Ordinal);

    /// <summary>Raised for each message once its outcome is saved; tests and the console page use it.</summary>
    public event Action<OutboundMessage>? Delivered;

    /// <summary>Sends what is due now; returns how many messages were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var claimed = await ClaimAsync(db, clock.GetUtcNow(), cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        // Lanes in the order the messages fell due: a channel's messages are posted one after another in that order.
        var lanes = claimed.GroupBy(m => (m.Platform, m.Tenant, m.Target, m.IsDirect)).Select(g => g.ToList()).ToList();
        var outcomes = Channel.CreateUnbounded<(OutboundMessage Message, Attempt Attempt)>(new UnboundedChannelOptions { SingleReader = true });
        var sending = SendLanesAsync(lanes, outcomes.Writer, cancellationToken);
        var sent = 0;
        try
        {
            // Outcomes are saved as they arrive: whatever came back while the previous batch was being saved goes in the next.
            var batch = new List<(OutboundMessage Message, Attempt Attempt)>();
            while (await outcomes.Reader.WaitToReadAsync(CancellationToken.None))
            {
                batch.Clear();
                while (outcomes.Reader.TryRead(out var outcome))
                {
                    batch.Add(outcome);
                }

                sent += Apply(batch);
                await SaveAsync(db, cancellationToken);
                foreach (var (message, _) in batch)
                {
                    Delivered?.Invoke(message);
                }
            }
        }
        catch
        {
            // The posts under way finish (or are cancelled) before the pass gives up; rows left claimed are retried after the lease.
            await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        await sending;
        return sent;
    }

    /// <summary>When the next pending message falls due (or its claim lapses); null when nothing is pending.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        return await db.OutboundMessages.Where(m => m.Status == OutboundStatus.Pending)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Claims the due messages in one UPDATE … RETURNING: one commit for the whole batch, and on PostgreSQL rows another
    /// worker is claiming at the same moment are skipped rather than waited for, so two workers never claim one row.
    /// </summary>
    private async Task<List<OutboundMessage>> ClaimAsync(CollabBotDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(OutboundMessage))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => Quote(entity.FindProperty(property)!.GetColumnName(table)!);
        object Value(string property, object value) => entity.FindProperty(property)!.GetTypeMapping().Converter?.ConvertToProvider(value) ?? value;

        var postgres = db.Database.IsNpgsql();
        var (id, attempts, next, status) = (Column(nameof(OutboundMessage.Id)), Column(nameof(OutboundMessage.Attempts)),
            Column(nameof(OutboundMessage.NextAttemptAt)), Column(nameof(OutboundMessage.Status)));
        var sql = $$"""
            UPDATE {{Quote(table.Name)}} SET {{attempts}} = {{attempts}} + 1, {{next}} = {0}
            WHERE {{id}} IN (SELECT {{id}} FROM {{Quote(table.Name)}} WHERE {{status}} = {1} AND {{next}} <= {2}
                ORDER BY {{next}}, {{id}} LIMIT {{BatchSize}}{{(postgres ? " FOR UPDATE SKIP LOCKED" : "")}})
            RETURNING *
            """;
        var claimed = await db.OutboundMessages.FromSqlRaw(sql,
                Value(nameof(OutboundMessage.NextAttemptAt), now + Lease),
                Value(nameof(OutboundMessage.Status), OutboundStatus.Pending),
                Value(nameof(OutboundMessage.NextAttemptAt), now + ClaimAhead))
            .AsTracking().ToListAsync(cancellationToken);
        return [.. claimed.OrderBy(m => m.DueAt ?? m.CreatedAt).ThenBy(m => m.Id)];

        static string Quote(string name) => $"\"{name}\"";
    }

    private async Task SendLanesAsync(List<List<OutboundMessage>> lanes, ChannelWriter<(OutboundMessage, Attempt)> outcomes, CancellationToken cancellationToken)
    {
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentChannels, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(lanes, parallel, async (lane, ct) =>
            {
                foreach (var message in lane)
                {
                    outcomes.TryWrite((message, await AttemptAsync(message, ct)));
                }
            });
        }
        finally
        {
            outcomes.Complete();
        }
    }

    /// <summary>The outcome of one attempt: sent, or the error and whether retrying could help.</summary>
    private readonly record struct Attempt(bool Sent, string? Error = null, bool Permanent = false);

    private async Task<Attempt> AttemptAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        // Claimed a little ahead of its due time: posted at that time, not before.
        if (message.DueAt is { } dueAt && dueAt - clock.GetUtcNow() is { Ticks: > 0 } early)
        {
            await Task.Delay(early, clock, cancellationToken);
        }

        // Past its give-up time a message is not sent: a retry that came round late, or a claim that lapsed when
        // the instance holding it died - the lease can outlast a reminder's use, its meeting having started.
        if (message.GiveUpAt is { } until && clock.GetUtcNow() >= until)
        {
            return new Attempt(false, "not sent before its give-up time", Permanent: true);
        }

        // A message attempted before may have reached the platform: the instance that claimed it died after the post
        // was accepted and before the row was marked sent, or the answer to the post never came back. No attempt can
        // have been made before the row first fell due (its NextAttemptAt as written: DueAt, or its creation).
        var attemptedBefore = message.Attempts > 1;
        var firstDue = message.DueAt is { } due && due > message.CreatedAt ? due : message.CreatedAt;
        var post = new OutboxPost(OutboxPost.KeyOf(message.Id, message.CreatedAt), attemptedBefore ? firstDue : null);
        if (!byPlatform.TryGetValue(message.Platform, out var poster))
        {
            return new Attempt(false, $"{message.Platform} is not connected", Permanent: true);
        }

        try
        {
            var reply = ReplyJson.Deserialize(message.Body);
            if (message.IsDirect)
            {
                await poster.PostToPersonAsync(message.Tenant, message.Target, reply, post, cancellationToken);
            }
            else
            {
                await poster.PostToChannelAsync(message.Tenant, message.Target, reply, post, cancellationToken);
            }

            return new Attempt(true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (PermanentPostException ex)
        {
            return new Attempt(false, ex.Message, Permanent: true);
        }
        catch (Exception ex)
        {
            LogPostFailed(logger, ex, message.Platform, message.Id, message.Attempts);
            return new Attempt(false, ex.Message);
        }
    }

    /// <summary>Writes the outcomes onto their rows (on the pass's thread: the context is not shared); returns how many were sent.</summary>
    private int Apply(List<(OutboundMessage Message, Attempt Attempt)> batch)
    {
        var sent = 0;
        foreach (var (message, attempt) in batch)
        {
            if (attempt.Sent)
            {
                message.Status = OutboundStatus.Sent;
                message.SentAt = clock.GetUtcNow();
                message.LastError = null;
                sent++;
                Telemetry.CollabBotMetrics.Post(message.Platform, "sent");
                if (message.DueAt is { } dueAt)
                {
                    Telemetry.CollabBotMetrics.ReminderHandedOver(message.SentAt.Value - dueAt, message.Platform);
                }
            }
            else
            {
                Fail(message, attempt.Error ?? "not sent", attempt.Permanent);
                Telemetry.CollabBotMetrics.Post(message.Platform, message.Status == OutboundStatus.Failed ? "failed" : "retry");
            }
        }

        return sent;
    }

    /// <summary>
    /// Saves a batch of outcomes in one commit. A row whose claim lapsed and was taken over by another worker (its
    /// Attempts moved on) is left to that worker: the batch is saved without it.
    /// </summary>
    private static async Task SaveAsync(CollabBotDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException ex) when (ex.Entries.Count > 0)
            {
                foreach (var entry in ex.Entries)
                {
                    entry.State = EntityState.Detached;
                }
            }
        }
    }

    private void Fail(OutboundMessage message, string error, bool permanent)
    {
        var now = clock.GetUtcNow();
        var backoff = TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, Math.Max(0, message.Attempts - 1))));
        message.LastError = error.Length > 500 ? error[..500] : error;
        var giveUp = permanent || message.Attempts >= MaxAttempts || (message.GiveUpAt is { } until && now + backoff >= until);
        if (giveUp)
        {
            message.Status = OutboundStatus.Failed;
            LogGaveUp(logger, message.Platform, message.Id, message.LastError);
        }
        else
        {
            message.NextAttemptAt = now + backoff;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting outbox message {Id} to {Platform} failed (attempt {Attempt}); will retry")]
    private static partial void LogPostFailed(ILogger logger, Exception exception, string platform, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on outbox message {Id} to {Platform}: {Error}")]
    private static partial void LogGaveUp(ILogger logger, string platform, long id, string error);
}
