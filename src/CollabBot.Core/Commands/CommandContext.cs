using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Commands;

/// <summary>
/// What a handler knows about the call: who is calling (as a person), which channel, what the command's reference
/// arguments name and the group they belong to (resolved and permission-checked by the dispatcher, see
/// <see cref="Permissions"/>), the database and the clock. It deliberately does not say which platform called.
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

    /// <summary>
    /// The group the command's references belong to: the one its <c>wg</c> argument names, or the group of the meeting,
    /// dataset, project, talk… it names. Null when it names none (or things of several groups).
    /// </summary>
    public WorkingGroup? Group { get; internal set; }

    /// <summary>What the handler's fetch step brought from outside the database (<see cref="FetchFirstHandler{TArgs, TFetched}"/>).</summary>
    internal object? FetchedValue { get; set; }

    /// <summary>Everything the command's reference arguments name, resolved by the dispatcher, in argument order.</summary>
    public IReadOnlyList<Reference> References { get; internal set; } = [];

    /// <summary>The caller's role in each referenced group they belong to; loaded for member, convener and owner commands.</summary>
    internal IReadOnlyDictionary<int, MemberRole> CallerRoles { get; set; } = new Dictionary<int, MemberRole>();

    /// <summary>The one entity of type <typeparamref name="T"/> the command's arguments name (a required reference).</summary>
    public T Ref<T>()
        where T : class =>
        OptionalRef<T>() ?? throw new InvalidOperationException($"/{Command.Key} names no {typeof(T).Name}");

    /// <summary>The entity of type <typeparamref name="T"/> an optional reference argument names, or null.</summary>
    public T? OptionalRef<T>()
        where T : class =>
        References.Select(r => r.Entity).OfType<T>().SingleOrDefault();

    /// <summary>Every entity of type <typeparamref name="T"/> the arguments name (a repeatable reference), in the order given.</summary>
    public IReadOnlyList<T> Refs<T>()
        where T : class =>
        [.. References.Select(r => r.Entity).OfType<T>()];

    /// <summary>The caller's role tags in each referenced group they belong to; loaded with <see cref="CallerRoles"/>.</summary>
    internal IReadOnlyDictionary<int, IReadOnlyList<string>> CallerTags { get; set; } = new Dictionary<int, IReadOnlyList<string>>();

    /// <summary>Whether the caller holds a role tag (<c>dataset-team</c>…) in a group the command names.</summary>
    public bool HasTagIn(WorkingGroup group, string tag) => CallerTags.TryGetValue(group.Id, out var tags) && tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>The caller's role in a group the command names (null: not a member). Known to member, convener and owner commands.</summary>
    public MemberRole? RoleIn(WorkingGroup group) => CallerRoles.TryGetValue(group.Id, out var role) ? role : null;

    /// <summary>Whether the caller may act as a convener of a group the command names: a convener of it, or an admin.</summary>
    public bool CanManage(WorkingGroup group) => IsAdmin || RoleIn(group) == MemberRole.Convener;

    /// <summary>The caller's channel as a link key: platform, tenant, channel id. Null where there is no channel (the console's <c>say</c> without --channel).</summary>
    public ChannelKey? Channel => invocation.ChannelId is { } id ? new ChannelKey(invocation.Platform.ToString().ToLowerInvariant(), invocation.Tenant, id) : null;

    public WorkingGroup RequireGroup() => Group ?? throw new InvalidOperationException($"/{Command.Key} has no <wg> argument");

    /// <summary>Resolves a mention to a person, creating them on first sight (a mention is how people are added).</summary>
    public Task<Person> PersonAsync(UserRef user, CancellationToken cancellationToken) =>
        People.ResolveAsync(Db, user.Identity, user.Label, Now, cancellationToken);

    public string Usage => Command.Usage;

    /// <summary>
    /// A <c>speaker</c> value: a mention (the person, created on first sight) or a quoted name of at most 200
    /// characters; <paramref name="absent"/> when none was given. A reply when the name is empty or too long.
    /// </summary>
    public async Task<(Person? Person, string? Name, Reply? Problem)> SpeakerAsync(object? value, Person? absent, CancellationToken cancellationToken) => value switch
    {
        UserRef user => (await PersonAsync(user, cancellationToken), null, null),
        string name when name.Trim().Length is > 0 and <= 200 => (null, name.Trim(), null),
        string => (null, null, Reply.Invalid("--speaker must be a mention or a name of at most 200 characters.", Usage)),
        _ => (absent, null, null),
    };

    /// <summary>
    /// Plans the running meeting series that <paramref name="which"/> picks again once the command commits (their
    /// reminders, channel and personal): for a change to who gets personal reminders, which the periodic plan would only
    /// see up to 30 minutes later.
    /// </summary>
    public async Task PlanMeetingsAgainAsync(System.Linq.Expressions.Expression<Func<MeetingSeries, bool>> which, CancellationToken cancellationToken)
    {
        foreach (var series in await Db.MeetingSeries.Where(which).Where(s => s.EndedAt == null).ToListAsync(cancellationToken))
        {
            Meetings.Changed(series);
        }
    }
}

public sealed record ChannelKey(string Platform, string Tenant, string ChannelId);
