using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace CollabBot.Discord;

/// <summary>A Discord REST call failed; <see cref="Code"/> is Discord's JSON error code when it gave one (e.g. 10003 Unknown channel).</summary>
public sealed class DiscordApiException(int status, int? code, string message) : Exception($"Discord answered {status}{(code is null ? "" : $" ({code})")}: {message}")
{
    public int Status { get; } = status;

    public int? Code { get; } = code;
}

/// <summary>
/// The Discord REST calls CollabBot makes. Rate limits are honoured as Discord describes them: the HTTP client
/// (<see cref="HttpClientName"/>) keeps each route's bucket and the global limit (<see cref="DiscordRateLimits"/>), so
/// requests wait rather than being sent into a spent bucket, and waits out a 429's <c>retry_after</c> before sending
/// the request again - nothing is dropped; it also retries idempotent requests after transient failures and stops
/// at its timeouts.
/// </summary>
public sealed class DiscordRestClient(HttpClient http, IOptionsMonitor<DiscordOptions> options)
{
    /// <summary>The <c>IHttpClientFactory</c> client (see <see cref="DiscordServices"/>).</summary>
    public const string HttpClientName = "discord";

    private static readonly string UserAgent = "DiscordBot (https://github.com/collabbot/collabbot, 0.1)";

    public Task<JsonNode?> CreateMessageAsync(string channelId, JsonObject message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", message, cancellationToken: cancellationToken);

    /// <summary>Opens (or finds) the direct-message channel with a user.</summary>
    public async Task<string> CreateDmChannelAsync(string userId, CancellationToken cancellationToken = default)
    {
        var channel = await SendAsync(HttpMethod.Post, "users/@me/channels", new JsonObject { ["recipient_id"] = userId }, cancellationToken: cancellationToken);
        return channel?["id"]?.GetValue<string>() ?? throw new DiscordApiException(200, null, "no channel id in the answer");
    }

    public Task InteractionCallbackAsync(string interactionId, string token, JsonObject response, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"interactions/{interactionId}/{token}/callback", response, authorize: false, cancellationToken: cancellationToken);

    public Task EditOriginalAsync(string applicationId, string token, JsonObject message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"webhooks/{applicationId}/{token}/messages/@original", message, authorize: false, cancellationToken: cancellationToken);

    public Task<JsonNode?> BulkOverwriteGlobalCommandsAsync(string applicationId, JsonArray commands, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"applications/{applicationId}/commands", commands, cancellationToken: cancellationToken);

    public Task<JsonNode?> BulkOverwriteGuildCommandsAsync(string applicationId, string guildId, JsonArray commands, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"applications/{applicationId}/guilds/{guildId}/commands", commands, cancellationToken: cancellationToken);

    /// <summary><c>GET /gateway/bot</c>: the Gateway URL to connect to.</summary>
    public async Task<Uri> GetGatewayUrlAsync(CancellationToken cancellationToken = default)
    {
        var json = await SendAsync(HttpMethod.Get, "gateway/bot", null, cancellationToken: cancellationToken);
        var url = json?["url"]?.GetValue<string>() ?? throw new DiscordApiException(200, null, "no url in /gateway/bot");
        return new Uri(url);
    }

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, bool authorize = true, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(EnsureSlash(options.CurrentValue.ApiBaseUrl)), path));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Options.Set(DiscordRateLimits.Path, path);
        if (authorize)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.CurrentValue.BotToken ?? throw new InvalidOperationException("Discord:BotToken is not set"));
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // Still limited after every wait the pipeline allows: the caller (the outbox) tries again later.
            throw new DiscordApiException(429, null, "still rate limited after waiting");
        }

        if (!response.IsSuccessStatusCode)
        {
            var (code, message) = Error(text);
            Core.Telemetry.CollabBotMetrics.PlatformError("discord", code?.ToString(CultureInfo.InvariantCulture) ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            throw new DiscordApiException((int)response.StatusCode, code, message);
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static (int? Code, string Message) Error(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                return (json["code"] is JsonValue c && c.TryGetValue<int>(out var code) ? code : null, json["message"]?.ToString() ?? "error");
            }
        }
        catch (JsonException)
        {
        }

        return (null, body.Length > 200 ? body[..200] : body);
    }

    private static string EnsureSlash(string url) => url.EndsWith('/') ? url : url + "/";
}
