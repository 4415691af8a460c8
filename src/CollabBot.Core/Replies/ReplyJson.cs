using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollabBot.Core.Replies;

/// <summary>Replies stored in the outbox: a stable JSON shape with a type tag on each inline.</summary>
public static class ReplyJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(reply, Options);

    public static Reply Deserialize(string json) =>
        JsonSerializer.Deserialize<Reply>(json, Options) ?? throw new JsonException("empty reply");
}
