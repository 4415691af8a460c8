using System.Text.Json.Nodes;

namespace CollabBot.Slack;

/// <summary>
/// Reads fields of Slack's JSON leniently: a field that is missing or of the wrong shape (a number where a string
/// belongs, a string where an object belongs) reads as absent. A malformed payload is then answered with a sentence
/// or ignored, instead of throwing out of an endpoint (a 500) or out of the Socket Mode read loop (a reconnect).
/// </summary>
internal static class SlackJson
{
    /// <summary>The string at <paramref name="path"/> below <paramref name="node"/>, or null.</summary>
    public static string? Str(this JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The boolean at <paramref name="path"/> below <paramref name="node"/>, or null.</summary>
    public static bool? Bool(this JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static JsonNode? At(JsonNode? node, ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node;
    }
}
