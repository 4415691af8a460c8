using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Commands;

/// <summary>
/// What a handler knows about the call: who is calling (as a person), which channel, the group the
/// command names (already loaded and permission-checked by the dispatcher), the database and the clock.
/// It deliberately does not say which platform called.
/// </summary>
public sealed class CommandContext(
    CollabBotDbContext db,
    Invocation invocation,
    Person caller,
    bool isAdmin,
    BotOptions options,
    TimeProvider clock)
{
    public CollabBotDbContext Db { get; } = db;

    /// <summary>Messages owed to channels and people, committed with the command's changes.</summary>
    public Outbox.OutboxWriter Outbox { get; } = new(db);

    /// <summary>Series whose reminders must be planned again after the commit.</summary>
    public Meetings.MeetingChanges Meetings { get; } = new();
    public Person Caller { get; } = caller;
    public string CallerIdentity => invocation.Caller.Identity;
    public bool IsAdmin { get; } = isAdmin;
    public BotOptions Options { get; } = options;
    public TimeProvider Clock { get; } = clock;
    public DateTimeOffset Now => Clock.GetUtcNow();
    public CommandNode Command => invocation.Command;

    /// <summary>The group named by the command's <c>wg</c> argument, when it has one.</summary>
    public WorkingGroup? Group { get; internal set; }

    /// <summary>The caller's channel as a link key: platform, tenant, channel id. Null where there is no channel (the console's <c>say</c> without --channel).</summary>
    public ChannelKey? Channel => invocation.ChannelId is { } id ? new ChannelKey(invocation.Platform.ToString().ToLowerInvariant(), invocation.Tenant, id) : null;

    public WorkingGroup RequireGroup() => Group ?? throw new InvalidOperationException($"/{Command.Key} has no <wg> argument");

    public Task<bool> IsConvenerAsync(WorkingGroup group, CancellationToken cancellationToken) =>
        Db.Memberships.AnyAsync(m => m.GroupId == group.Id && m.PersonId == Caller.Id && m.EndedAt == null && m.Role == MemberRole.Convener, cancellationToken);

    /// <summary>Finds a group by slug, or a not-found reply that suggests the closest existing slug.</summary>
    public async Task<(WorkingGroup? Group, Reply? NotFound)> FindGroupAsync(string slug, CancellationToken cancellationToken)
    {
        var group = await Db.Groups.FirstOrDefaultAsync(g => g.Slug == slug, cancellationToken);
        if (group is not null)
        {
            return (group, null);
        }

        var slugs = await Db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken);
        return (null, Reply.NotFound($"There is no working group '{slug}'{Suggest.DidYouMean(slug, slugs)}. /wg list shows them all."));
    }

    /// <summary>Resolves a mention to a person, creating them on first sight (a mention is how people are added).</summary>
    public Task<Person> PersonAsync(UserRef user, CancellationToken cancellationToken) =>
        People.ResolveAsync(Db, user.Identity, user.Label, Now, cancellationToken);

    public string Usage => Command.Usage;
}

public sealed record ChannelKey(string Platform, string Tenant, string ChannelId);
