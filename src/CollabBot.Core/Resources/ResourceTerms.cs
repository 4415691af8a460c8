using CollabBot.Core.Domain;
using CollabBot.Core.Values;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Resources;

/// <summary>
/// The words people type and files carry for kinds, levels, audiences and topics (<c>dataset-doc</c>,
/// <c>ml-researchers</c>, <c>jet-tagging</c>), and the one place they are parsed; an unknown word gets a sentence
/// that lists the valid ones.
/// </summary>
public static class ResourceTerms
{
    public static IReadOnlyList<string> Kinds { get; } = [.. Enum.GetValues<ResourceKind>().Select(Name)];

    public static IReadOnlyList<string> Levels { get; } = [.. Enum.GetValues<ResourceLevel>().Select(Name)];

    public static IReadOnlyList<string> Audiences { get; } = [.. Enum.GetValues<ResourceAudience>().Select(Name)];

    public static string Name(ResourceKind kind) => Kebab(kind.ToString());

    public static string Name(ResourceLevel level) => Kebab(level.ToString());

    public static string Name(ResourceAudience audience) => Kebab(audience.ToString());

    public static bool TryParseKind(string? text, out ResourceKind kind, out string error) => TryParse(text, "kind", out kind, out error);

    public static bool TryParseLevel(string? text, out ResourceLevel level, out string error) => TryParse(text, "level", out level, out error);

    public static bool TryParseAudience(string? text, out ResourceAudience audience, out string error) => TryParse(text, "audience", out audience, out error);

    /// <summary>A topic is a slug (<c>jet-tagging</c>); spaces and capitals are folded, so "Jet tagging" is accepted.</summary>
    public static bool TryParseTopic(string? text, out string topic, out string error)
    {
        topic = (text ?? "").Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-');
        if (Slug.IsValid(topic))
        {
            error = "";
            return true;
        }

        error = $"'{Clip(text, 40)}' is not a topic: use lower-case words joined by hyphens, such as jet-tagging or anomaly-detection (2 to 40 characters, starting with a letter).";
        return false;
    }

    private static bool TryParse<T>(string? text, string what, out T value, out string error)
        where T : struct, Enum
    {
        var t = (text ?? "").Trim().ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<T>())
        {
            var name = Kebab(candidate.ToString());
            if (name == t || name.Replace("-", "", StringComparison.Ordinal) == t.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal))
            {
                value = candidate;
                error = "";
                return true;
            }
        }

        var names = Enum.GetValues<T>().Select(v => Kebab(v.ToString())).ToList();
        value = default;
        error = $"'{Clip(text, 40)}' is not a {what}{Suggest.DidYouMean(t, names)}: use one of {string.Join(", ", names)}.";
        return false;
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
