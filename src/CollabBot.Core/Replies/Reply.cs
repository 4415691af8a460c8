using System.Text.Json.Serialization;

namespace CollabBot.Core.Replies;

/// <summary>
/// A piece of a line. User text stays raw here; every renderer escapes it for its platform and
/// decides what may ping, so "never ping a crowd" holds by construction.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Text), "text")]
[JsonDerivedType(typeof(Strong), "strong")]
[JsonDerivedType(typeof(Code), "code")]
[JsonDerivedType(typeof(Link), "link")]
[JsonDerivedType(typeof(Mention), "mention")]
[JsonDerivedType(typeof(ChannelMention), "channel")]
[JsonDerivedType(typeof(Timestamp), "time")]
public abstract record Inline
{
    private protected Inline()
    {
    }
}

/// <summary>Plain text (user text included): escaped by each renderer.</summary>
public sealed record Text(string Value) : Inline;

public sealed record Strong(string Value) : Inline;

public sealed record Code(string Value) : Inline;

public sealed record Link(string Url, string Label) : Inline;

/// <summary>A person the bot means to mention; renderers allow exactly these pings.</summary>
public sealed record Mention(string Identity, string Fallback) : Inline;

/// <summary>A channel on the platform where it lives; other platforms print the fallback.</summary>
public sealed record ChannelMention(string Platform, string ChannelId, string Fallback) : Inline;

/// <summary>An instant shown in each reader's own time by the platform, and in <paramref name="ZoneId"/> beside it.</summary>
public sealed record Timestamp(DateTimeOffset At, string ZoneId) : Inline;

/// <summary>A line of inlines.</summary>
public sealed record Line(IReadOnlyList<Inline> Parts)
{
    public static Line Of(params Inline[] parts) => new(parts);

    public static implicit operator Line(string text) => new([new Text(text)]);

    /// <summary>The line as plain text, for logs, tests and the console.</summary>
    [JsonIgnore]
    public string Plain => string.Concat(Parts.Select(p => p switch
    {
        Text t => t.Value,
        Strong s => s.Value,
        Code c => c.Value,
        Link l => l.Label == l.Url ? l.Url : $"{l.Label} <{l.Url}>",
        Mention m => "@" + m.Fallback,
        ChannelMention c => "#" + c.Fallback,
        Timestamp ts => TimeFormat.Plain(ts),
        _ => "",
    }));
}

public sealed record Field(string Label, Line Value);

/// <summary>A section: an optional heading, fields (label → value) and lines.</summary>
public sealed record Section(string? Heading, IReadOnlyList<Field> Fields, IReadOnlyList<Line> Lines);

/// <summary>
/// A button: approve a join request, confirm a contribution. The value is a command line the platform runs as the
/// person who presses it. A decision's result replaces the message with the buttons; a button that
/// <paramref name="KeepsMessage"/> (a vote, an RSVP: many people press it) answers the presser alone and leaves the message.
/// </summary>
public sealed record ReplyAction(string Label, string CommandLine, bool Primary = true, bool KeepsMessage = false);

public enum ReplyStatus
{
    Ok,
    Invalid,
    NotFound,
    Refused,
    Failed,
}

/// <summary>
/// What a handler returns: built once, platform-neutral, rendered by each platform.
/// Failures users cause are values (<see cref="Invalid"/>, <see cref="NotFound"/>, <see cref="Refused"/>), never exceptions.
/// </summary>
public sealed record Reply(
    ReplyStatus Status,
    string? Title,
    IReadOnlyList<Section> Sections,
    bool Public = false,
    IReadOnlyList<ReplyAction>? Actions = null)
{
    [JsonIgnore]
    public bool IsError => Status != ReplyStatus.Ok;

    /// <summary>The whole reply as plain text (console, logs, tests).</summary>
    [JsonIgnore]
    public string Plain => PlainTextRenderer.Render(this);

    public static Reply Invalid(string sentence, string? usage = null) => Error(ReplyStatus.Invalid, sentence, usage);

    public static Reply NotFound(string sentence, string? hint = null) => Error(ReplyStatus.NotFound, sentence, hint);

    public static Reply Refused(string sentence) => Error(ReplyStatus.Refused, sentence, null);

    public static Reply Failed(string sentence) => Error(ReplyStatus.Failed, sentence, null);

    public static Reply Message(string sentence) => new(ReplyStatus.Ok, null, [new Section(null, [], [sentence])]);

    public static Reply Message(Line line) => new(ReplyStatus.Ok, null, [new Section(null, [], [line])]);

    public Reply AsPublic(bool isPublic = true) => this with { Public = isPublic };

    private static Reply Error(ReplyStatus status, string sentence, string? second)
    {
        var lines = new List<Line> { sentence };
        if (second is not null)
        {
            lines.Add(Line.Of(new Text("Usage: "), new Code(second)));
        }

        return new Reply(status, null, [new Section(null, [], lines)]);
    }
}
