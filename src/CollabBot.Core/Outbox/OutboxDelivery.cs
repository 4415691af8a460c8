using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.Outbox;

/// <summary>
/// Delivers due outbox messages through the registered platform posters. A message is claimed (its next
/// attempt pushed out by a lease, guarded by a concurrency token) before it is sent, so two workers never
/// send the same one at once; failures back off exponentially until the message's give-up time.
/// </summary>
public sealed partial class OutboxDelivery(IServiceScopeFactory scopes, IEnumerable<IChatPoster> posters, TimeProvider clock, ILogger<OutboxDelivery> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public const int MaxAttempts = 12;

    private readonly Dictionary<string, IChatPoster> byPlatform = posters.ToDictionary(p => p.Platform, StringComparer.Ordinal);

    /// <summary>Raised after each pass; tests and the console page use it.</summary>
    public event Action<OutboundMessage>? Delivered;

    /// <summary>Sends what is due now; returns how many messages were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.OutboundMessages
            .Where(m => m.Status == OutboundStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var message in due)
        {
            // A message attempted before may have reached the platform: the instance that claimed it died after the post
            // was accepted and before the row was marked sent, or the answer to the post never came back.
            var attemptedBefore = message.Attempts > 0;
            if (!await ClaimAsync(db, message, cancellationToken))
            {
                continue;
            }

            // Past its give-up time a message is not sent: a retry that came round late, or a claim that lapsed when
            // the instance holding it died - the lease can outlast a reminder's use, its meeting having started.
            var pastUse = message.GiveUpAt is { } until && clock.GetUtcNow() >= until;
            if (pastUse)
            {
                Fail(message, "not sent before its give-up time", permanent: true);
            }

            if (!pastUse && await SendAsync(message, attemptedBefore, cancellationToken))
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
                Telemetry.CollabBotMetrics.Post(message.Platform, message.Status == OutboundStatus.Failed ? "failed" : "retry");
            }

            await db.SaveChangesAsync(cancellationToken);
            Delivered?.Invoke(message);
        }

        return sent;
    }

    private async Task<bool> ClaimAsync(CollabBotDbContext db, OutboundMessage message, CancellationToken cancellationToken)
    {
        message.Attempts++;
        message.NextAttemptAt = clock.GetUtcNow() + Lease;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(message).State = EntityState.Detached;
            return false;
        }
    }

    private async Task<bool> SendAsync(OutboundMessage message, bool attemptedBefore, CancellationToken cancellationToken)
    {
        // No attempt can have been made before the row first fell due (its NextAttemptAt as written: DueAt, or its creation).
        var firstDue = message.DueAt is { } dueAt && dueAt > message.CreatedAt ? dueAt : message.CreatedAt;
        var post = new OutboxPost(OutboxPost.KeyOf(message.Id, message.CreatedAt), attemptedBefore ? firstDue : null);
        if (!byPlatform.TryGetValue(message.Platform, out var poster))
        {
            Fail(message, $"{message.Platform} is not connected", permanent: true);
            return false;
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

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (PermanentPostException ex)
        {
            Fail(message, ex.Message, permanent: true);
            return false;
        }
        catch (Exception ex)
        {
            LogPostFailed(logger, ex, message.Platform, message.Id, message.Attempts);
            Fail(message, ex.Message, permanent: false);
            return false;
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
