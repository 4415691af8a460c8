using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Outbox;

/// <summary>
/// Queues messages in the same transaction as the change that causes them: if the change rolls back, so do
/// the messages; if it commits, they will be delivered.
/// </summary>
public sealed class OutboxWriter(CollabBotDbContext db)
{
    public int Queued { get; private set; }

    /// <summary>Every channel linked to the group gets the reply.</summary>
    public async Task ToGroupChannelsAsync(WorkingGroup group, Reply reply, CancellationToken cancellationToken, Func<ChannelLink, string>? dedupeKey = null, DateTimeOffset? giveUpAt = null)
    {
        var links = group.Id == 0
            ? []
            : await db.ChannelLinks.Where(c => c.GroupId == group.Id && c.UnlinkedAt == null).ToListAsync(cancellationToken);
        var body = ReplyJson.Serialize(reply);
        foreach (var link in links)
        {
            Add(new OutboundMessage
            {
                Platform = link.Platform,
                Tenant = link.Tenant,
                Target = link.ChannelId,
                Body = body,
                DedupeKey = dedupeKey?.Invoke(link),
                GiveUpAt = giveUpAt,
            });
        }
    }

    /// <summary>
    /// One channel gets the reply. With a <paramref name="dedupeKey"/> already queued (by this writer or before), nothing
    /// is added: the same event noticed twice — by a webhook and by polling — is still posted once.
    /// </summary>
    public async Task<bool> ToChannelAsync(string platform, string tenant, string channelId, Reply reply, CancellationToken cancellationToken, string? dedupeKey = null)
    {
        if (dedupeKey is not null
            && (db.OutboundMessages.Local.Any(m => m.DedupeKey == dedupeKey)
                || await db.OutboundMessages.AnyAsync(m => m.DedupeKey == dedupeKey, cancellationToken)))
        {
            return false;
        }

        Add(new OutboundMessage { Platform = platform, Tenant = tenant, Target = channelId, Body = ReplyJson.Serialize(reply), DedupeKey = dedupeKey });
        return true;
    }

    /// <summary>A direct message to the person on every chat platform they use (Slack, Discord; console identities too, for the local console).</summary>
    public async Task ToPersonAsync(Person person, Reply reply, CancellationToken cancellationToken)
    {
        var identities = person.Id == 0
            ? person.Identities
            : await db.Identities.Where(i => i.PersonId == person.Id).ToListAsync(cancellationToken);
        var body = ReplyJson.Serialize(reply);
        foreach (var identity in identities)
        {
            var tenant = identity.Platform == "slack" ? identity.Key.Split(':')[1] : "";
            Add(new OutboundMessage { Platform = identity.Platform, Tenant = tenant, Target = identity.Key, IsDirect = true, Body = body });
        }
    }

    private void Add(OutboundMessage message)
    {
        message.CreatedAt = db.Now;
        message.NextAttemptAt = db.Now;
        message.Status = OutboundStatus.Pending;
        db.OutboundMessages.Add(message);
        Queued++;
    }
}
