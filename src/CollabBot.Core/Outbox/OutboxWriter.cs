using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Outbox;

/// <summary>A channel on a platform: where a message to a channel goes.</summary>
public sealed record ChannelAddress(string Platform, string Tenant, string ChannelId);

/// <summary>
/// How a message is queued. <see cref="DedupeKey"/> keeps it to one row however often it is written (for a group's
/// channels or a person's platforms the writer adds each target to it); <see cref="DueAt"/> is when it falls due
/// (not before now; stored, so lateness is measured from it); <see cref="GiveUpAt"/> is when it is no longer worth
/// sending (a reminder once its meeting has started).
/// </summary>
public readonly record struct SendOptions(string? DedupeKey = null, DateTimeOffset? DueAt = null, DateTimeOffset? GiveUpAt = null);

/// <summary>
/// The one way an outbound message is written: to a channel, to a group's linked channels, or to a person's direct
/// messages. Rows are added to the caller's <see cref="CollabBotDbContext"/> and saved with its change, in the same
/// transaction: if the change rolls back, so do the messages; if it commits, they will be delivered (by
/// <see cref="OutboxDelivery"/>; pulse <see cref="OutboxSignal"/> after the commit to deliver at once).
/// </summary>
public sealed class OutboxWriter(CollabBotDbContext db)
{
    /// <summary>Read for every direct message (a join's welcome): compiled once, so EF skips its query-cache look-up.</summary>
    private static readonly CompiledPerModel<Func<CollabBotDbContext, int, IAsyncEnumerable<Identity>>> IdentitiesOf = new(() =>
        EF.CompileAsyncQuery((CollabBotDbContext db, int personId) => db.Identities.AsNoTracking().Where(i => i.PersonId == personId)));

    /// <summary>How many messages this writer has added.</summary>
    public int Queued { get; private set; }

    /// <summary>
    /// One channel gets the reply. With a dedupe key already queued (by this writer or before), nothing is added and
    /// the answer is false: the same event noticed twice — by a webhook and by polling — is still posted once.
    /// </summary>
    public Task<bool> ToChannelAsync(ChannelAddress channel, Reply reply, CancellationToken cancellationToken) =>
        ToChannelAsync(channel, reply, default, cancellationToken);

    /// <inheritdoc cref="ToChannelAsync(ChannelAddress, Reply, CancellationToken)"/>
    public async Task<bool> ToChannelAsync(ChannelAddress channel, Reply reply, SendOptions options, CancellationToken cancellationToken)
    {
        var target = new Target(channel.Platform, channel.Tenant, channel.ChannelId, IsDirect: false, options.DedupeKey);
        return await AddNewAsync([target], ReplyJson.Serialize(reply), options, cancellationToken) == 1;
    }

    /// <summary>
    /// Every channel linked to the group gets the reply; with a dedupe key, each channel's copy is keyed
    /// <c>{key}:{platform}:{tenant}:{channel}</c> and channels that already have theirs are skipped. Returns how many were added.
    /// </summary>
    public Task<int> ToGroupChannelsAsync(WorkingGroup group, Reply reply, CancellationToken cancellationToken) =>
        ToGroupChannelsAsync(group, reply, default, cancellationToken);

    /// <inheritdoc cref="ToGroupChannelsAsync(WorkingGroup, Reply, CancellationToken)"/>
    public async Task<int> ToGroupChannelsAsync(WorkingGroup group, Reply reply, SendOptions options, CancellationToken cancellationToken)
    {
        var links = group.Id == 0
            ? []
            : await db.ChannelLinks.AsNoTracking().Where(c => c.GroupId == group.Id && c.UnlinkedAt == null).ToListAsync(cancellationToken);
        var targets = links.Select(l => new Target(l.Platform, l.Tenant, l.ChannelId, IsDirect: false, Key(options, l.Platform, l.Tenant, l.ChannelId))).ToList();
        return targets.Count == 0 ? 0 : await AddNewAsync(targets, ReplyJson.Serialize(reply), options, cancellationToken);
    }

    /// <summary>
    /// A direct message to the person on every chat platform they use (Slack, Discord; console identities too, for the
    /// local console); with a dedupe key, each copy is keyed <c>{key}:{identity}</c>. Returns how many were added.
    /// </summary>
    public Task<int> ToPersonAsync(Person person, Reply reply, CancellationToken cancellationToken) =>
        ToPersonAsync(person, reply, default, cancellationToken);

    /// <inheritdoc cref="ToPersonAsync(Person, Reply, CancellationToken)"/>
    public async Task<int> ToPersonAsync(Person person, Reply reply, SendOptions options, CancellationToken cancellationToken)
    {
        var identities = person.Id == 0
            ? person.Identities
            : await IdentitiesOf.For(db)(db, person.Id).ToListAsync(cancellationToken);
        var targets = identities
            .Select(i => new Target(i.Platform, TenantOf(i), i.Key, IsDirect: true, options.DedupeKey is { } key ? $"{key}:{i.Key}" : null))
            .ToList();
        return targets.Count == 0 ? 0 : await AddNewAsync(targets, ReplyJson.Serialize(reply), options, cancellationToken);
    }

    /// <summary>
    /// A direct message to the person on one platform only: the chat account they linked first (Slack or Discord, by
    /// <see cref="Identity.FirstSeenAt"/>; a console identity only when they have no chat account). The dedupe key is
    /// used as given, without the identity, so linking another account later cannot produce a second copy. Returns
    /// whether it was added (false when the key was already queued or the person has no identity).
    /// </summary>
    public async Task<bool> ToPersonOnceAsync(Person person, Reply reply, SendOptions options, CancellationToken cancellationToken)
    {
        var identities = person.Id == 0
            ? person.Identities
            : await db.Identities.AsNoTracking().Where(i => i.PersonId == person.Id).ToListAsync(cancellationToken);
        if (PreferredIdentity(identities) is not { } identity)
        {
            return false;
        }

        var target = new Target(identity.Platform, TenantOf(identity), identity.Key, IsDirect: true, options.DedupeKey);
        return await AddNewAsync([target], ReplyJson.Serialize(reply), options, cancellationToken) == 1;
    }

    /// <summary>The identity a one-copy direct message goes to: see <see cref="ToPersonOnceAsync"/>.</summary>
    public static Identity? PreferredIdentity(IEnumerable<Identity> identities) =>
        identities.OrderBy(i => i.Platform is "slack" or "discord" ? 0 : 1).ThenBy(i => i.FirstSeenAt).ThenBy(i => i.Id).FirstOrDefault();

    /// <summary>A Slack identity (<c>slack:T…:U…</c>) carries its workspace; other platforms need none to post.</summary>
    private static string TenantOf(Identity identity) => identity.Platform == "slack" ? identity.Key.Split(':')[1] : "";

    private static string? Key(SendOptions options, string platform, string tenant, string channelId) =>
        options.DedupeKey is { } key ? $"{key}:{platform}:{tenant}:{channelId}" : null;

    private async Task<int> AddNewAsync(IReadOnlyList<Target> targets, string body, SendOptions options, CancellationToken cancellationToken)
    {
        var keys = targets.Where(t => t.DedupeKey is not null).Select(t => t.DedupeKey!).ToList();
        var queued = keys.Count == 0
            ? []
            : db.OutboundMessages.Local.Where(m => m.DedupeKey is not null && keys.Contains(m.DedupeKey)).Select(m => m.DedupeKey!)
                .Concat(await db.OutboundMessages.Where(m => m.DedupeKey != null && keys.Contains(m.DedupeKey)).Select(m => m.DedupeKey!).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
        var now = db.Now;
        var added = 0;
        foreach (var target in targets.Where(t => t.DedupeKey is null || !queued.Contains(t.DedupeKey)))
        {
            db.OutboundMessages.Add(new OutboundMessage
            {
                Platform = target.Platform,
                Tenant = target.Tenant,
                Target = target.Address,
                IsDirect = target.IsDirect,
                Body = body,
                DedupeKey = target.DedupeKey,
                DueAt = options.DueAt,
                GiveUpAt = options.GiveUpAt,
                CreatedAt = now,
                NextAttemptAt = options.DueAt is { } due && due > now ? due : now,
                Status = OutboundStatus.Pending,
            });
            added++;
        }

        Queued += added;
        return added;
    }

    private sealed record Target(string Platform, string Tenant, string Address, bool IsDirect, string? DedupeKey);
}
