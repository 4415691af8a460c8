using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using CollabBot.Core.ReadModel;
using CollabBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Commands;

/// <summary>
/// The read model: replies of <see cref="CachedReplyAttribute"/> commands, kept under the data version they were
/// rendered at. A reply is found again only by the same command and arguments (normalised from the parsed
/// invocation, so <c>/wg info calorimetry</c> typed in Slack and picked in Discord normalise alike), the same platform,
/// tenant and channel, and the same caller identity — the identity stands for everything a reply may vary by caller
/// (who they are, their roles, admin or not), so two callers never share a reply — and only while the database's data
/// version is the one read before the reply was made (<see cref="DataVersions"/>; every committing change bumps it in
/// its own transaction). A hit costs that one version read and a dictionary look-up: no DI scope, no DbContext, no
/// reflection. When the version moves on, the whole generation of replies is dropped at once.
/// </summary>
public sealed class ReplyCache
{
    /// <summary>Enough for every active caller's few favourite reads; past it, replies are simply not kept.</summary>
    public const int MaxEntries = 20_000;

    private readonly IReadOnlySet<string> cachedKeys;
    private readonly ConcurrentDictionary<CommandNode, bool> cacheable = new(ReferenceEqualityComparer.Instance);
    private readonly DataVersions versions;
    private readonly IOptionsMonitor<BotOptions> options;
    private Generation current = new(long.MinValue, null);

    public ReplyCache(HandlerRegistry registry, CommandCatalog catalog, DataVersions versions, IOptionsMonitor<BotOptions> options)
    {
        this.versions = versions;
        this.options = options;
        cachedKeys = registry.Handlers.Where(h => h.Value.GetCustomAttribute<CachedReplyAttribute>() is not null).Select(h => h.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in cachedKeys)
        {
            if (catalog.Find(key) is { Kind: not CommandKind.Read })
            {
                throw new InvalidOperationException($"/{key} changes data, so its replies cannot be cached ([CachedReply] is for kind: read commands).");
            }
        }
    }

    /// <summary>The commands whose replies are cached, by key (<c>wg list</c>).</summary>
    public IReadOnlySet<string> CachedCommands => cachedKeys;

    /// <summary>
    /// One cached reply; <see cref="Rendered"/> lets a platform keep its rendering of it beside it (the key fixes platform
    /// and tenant), as the UTF-8 bytes of its HTTP answer, so that a hit writes them as they are.
    /// </summary>
    public sealed class Entry(Reply reply)
    {
        public Reply Reply { get; } = reply;

        public byte[]? Rendered { get; set; }
    }

    /// <summary>What <see cref="LookUpAsync"/> found: a hit, or where to store the reply once it is made (nothing to store when not cacheable).</summary>
    public readonly record struct Lookup(Entry? Hit, Key? Key, long Version);

    public readonly record struct Key(CommandNode Command, Platform Platform, string Tenant, string? Channel, string Caller, string Arguments);

    public async ValueTask<Lookup> LookUpAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        if (!IsCacheable(invocation.Command) || Normalise(invocation.Arguments) is not { } arguments)
        {
            return default;
        }

        if (await versions.ReadAsync(cancellationToken) is not { } version)
        {
            return default;
        }

        var key = new Key(invocation.Command, invocation.Platform, invocation.Tenant, invocation.ChannelId, invocation.Caller.Identity, arguments);
        var generation = current;
        var hit = generation.Version == version && ReferenceEquals(generation.Options, options.CurrentValue) && generation.Replies.TryGetValue(key, out var entry) ? entry : null;
        return new Lookup(hit, key, version);
    }

    /// <summary>Keeps a successful reply made after <paramref name="lookup"/> read the version; errors and refusals are not kept.</summary>
    public Entry? Store(Lookup lookup, Reply reply)
    {
        if (lookup.Key is not { } key || reply.Status != ReplyStatus.Ok)
        {
            return null;
        }

        var settings = options.CurrentValue;
        var generation = current;
        if (generation.Version != lookup.Version || !ReferenceEquals(generation.Options, settings))
        {
            // A new version (or new settings): start a new generation. A slow reader with an older version replaces a newer
            // generation only until the next reader of the newer version replaces it back; nothing stale is ever served,
            // since a reply is found only under the version read before it was made.
            var fresh = new Generation(lookup.Version, settings);
            generation = Interlocked.CompareExchange(ref current, fresh, generation) == generation ? fresh : current;
            if (generation.Version != lookup.Version)
            {
                return null;
            }
        }

        if (generation.Replies.Count >= MaxEntries)
        {
            return null;
        }

        var entry = new Entry(reply);
        return generation.Replies.GetOrAdd(key, entry);
    }

    private bool IsCacheable(CommandNode command) =>
        cacheable.TryGetValue(command, out var yes) ? yes : cacheable.GetOrAdd(command, c => cachedKeys.Contains(c.Key));

    /// <summary>
    /// The arguments as one string, in name order: the same values give the same string whatever the platform and the
    /// order they came in. Null for values that cannot be compared as text (an attached file): such a call is not cached.
    /// </summary>
    internal static string? Normalise(ArgumentBag arguments)
    {
        var values = arguments.Values;
        if (values.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var name in values.Keys.Order(StringComparer.OrdinalIgnoreCase))
        {
            text.Append(name.ToLowerInvariant()).Append('=');
            if (!Append(text, values[name]))
            {
                return null;
            }

            text.Append('\u001f');
        }

        return text.ToString();
    }

    private static bool Append(StringBuilder text, object value)
    {
        switch (value)
        {
            case string s:
                text.Append(s.Length).Append(':').Append(s);
                return true;
            case long or double or bool:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return true;
            case UserRef user:
                text.Append('@').Append(user.Identity.Length).Append(':').Append(user.Identity);
                return true;
            case ChannelRef channel:
                text.Append('#').Append(channel.Id.Length).Append(':').Append(channel.Id);
                return true;
            case List<object> list:
                text.Append('[');
                foreach (var item in list)
                {
                    if (!Append(text, item))
                    {
                        return false;
                    }

                    text.Append(',');
                }

                text.Append(']');
                return true;
            default:
                return false;
        }
    }

    private sealed class Generation(long version, BotOptions? options)
    {
        public long Version { get; } = version;

        public BotOptions? Options { get; } = options;

        public ConcurrentDictionary<Key, Entry> Replies { get; } = new();
    }
}
