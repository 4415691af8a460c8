using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CollabBot.Core.Inbound;

/// <summary>
/// The bytes of a JSON answer to a platform's HTTP request (a Slack command response, a Discord interaction
/// response), written once, in UTF-8. Only what JSON itself requires is escaped (quotes, backslashes, control
/// characters): these bodies go to a platform's servers as <c>application/json</c>, never into a web page, so the
/// default encoder's escaping of every non-ASCII letter and of <c>&lt; &gt; &amp; '</c> (meant for JSON inside HTML)
/// only made a reply of names like "Lucía" or Slack's <c>&amp;lt;</c> markup larger — a third larger for <c>/wg list</c>.
/// </summary>
public static class ResponseJson
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Utf8(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Options);
}
