using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Data;
using CollabBot.Core.Inbound;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CollabBot.Slack;

/// <summary>
/// <c>POST /slack/commands</c>, <c>/slack/interactions</c>, <c>/slack/events</c>. Each reads the raw body once,
/// verifies the signature (fail closed, constant time, five-minute window) and only then parses it.
/// An unsigned or stale request gets 401 and nothing else happens.
/// </summary>
public static partial class SlackEndpoints
{
    /// <summary>Slack's payloads are small; anything this large is not from Slack.</summary>
    private const int MaxBody = 256 * 1024;

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        app.MapPost("/slack/commands", CommandsAsync);
        app.MapPost("/slack/interactions", InteractionsAsync);
        app.MapPost("/slack/events", EventsAsync);
        return app;
    }

    private static async Task<IResult> CommandsAsync(HttpContext http, IOptionsMonitor<SlackOptions> options, TimeProvider clock, SlackCommandProcessor processor, ILogger<SlackCommandProcessor> logger)
    {
        var body = await VerifiedBodyAsync(http, options.CurrentValue, clock);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (ReadForm(body.Bytes!, "/slack/commands", logger) is not { } form)
        {
            return FormProblem;
        }

        if (form.ContainsKey("ssl_check"))
        {
            return Results.Ok();
        }

        string? Field(string name) => form.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;
        var (team, user, channel, command) = (Field("team_id"), Field("user_id"), Field("channel_id"), Field("command"));
        if (team is null || user is null || channel is null || command is null)
        {
            return Results.Json(new JsonObject { ["response_type"] = "ephemeral", ["text"] = "That request was missing team_id, user_id, channel_id or command, so it could not be run." });
        }

        var response = await processor.HandleCommandJsonAsync(new SlackCommand(team, user, Field("user_name"), channel, command, Field("text"), Field("response_url")), http.RequestAborted);
        return Results.Bytes(response, ResponseJson.ContentType);
    }

    private static async Task<IResult> InteractionsAsync(HttpContext http, IOptionsMonitor<SlackOptions> options, TimeProvider clock, SlackCommandProcessor processor, ILogger<SlackCommandProcessor> logger)
    {
        var body = await VerifiedBodyAsync(http, options.CurrentValue, clock);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (ReadForm(body.Bytes!, "/slack/interactions", logger) is not { } form)
        {
            return FormProblem;
        }

        if (!form.TryGetValue("payload", out var raw) || TryParse(raw.ToString()) is not JsonObject payload)
        {
            return Results.Text("The interaction payload was missing or not JSON.", statusCode: 400);
        }

        if (payload.Str("type") != "block_actions")
        {
            return Results.Ok();
        }

        var user = payload.Str("user", "id");
        var team = payload.Str("user", "team_id") ?? payload.Str("team", "id");
        if (user is null || team is null)
        {
            return Results.Text("The interaction payload had no user or team.", statusCode: 400);
        }

        var channel = payload.Str("channel", "id") ?? payload.Str("container", "channel_id");
        var responseUrl = payload.Str("response_url");
        foreach (var action in payload["actions"] as JsonArray ?? [])
        {
            if (SlackAction.From(team, user, channel, action.Str("action_id"), action.Str("value"), responseUrl) is { } pressed)
            {
                processor.HandleAction(pressed);
            }
        }

        return Results.Ok();
    }

    private static async Task<IResult> EventsAsync(HttpContext http, IOptionsMonitor<SlackOptions> options, TimeProvider clock, IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        var body = await VerifiedBodyAsync(http, options.CurrentValue, clock);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (TryParse(Encoding.UTF8.GetString(body.Bytes!)) is not JsonObject envelope)
        {
            return Results.Text("The event was not JSON.", statusCode: 400);
        }

        switch (envelope.Str("type"))
        {
            case "url_verification":
                return Results.Json(new JsonObject { ["challenge"] = envelope.Str("challenge") ?? "" });
            case "event_callback":
                await HandleEventAsync(envelope, scopes, loggers.CreateLogger("CollabBot.Slack.Events"), http.RequestAborted);
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    /// <summary>
    /// Handles one Events API delivery once: the event id is claimed in the database first, so Slack's retries
    /// (<c>X-Slack-Retry-Num</c>) and deliveries to other instances are acknowledged without being processed again.
    /// </summary>
    public static async Task HandleEventAsync(JsonObject envelope, IServiceScopeFactory scopes, ILogger logger, CancellationToken cancellationToken)
    {
        var eventId = envelope.Str("event_id");
        var team = envelope.Str("team_id");
        if (eventId is null || team is null || envelope["event"] is not JsonObject ev)
        {
            return;
        }

        if (ev.Str("type") == "message" && !SlackFileCommands.IsCandidate(ev))
        {
            // The bot hears every message of the conversations it is in (for shared files); most are not for it.
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        if (!await Deliveries.TryClaimAsync(db, "slack-event", eventId, cancellationToken))
        {
            LogDuplicate(logger, eventId);
            return;
        }

        if (ev.Str("type") == "message")
        {
            scope.ServiceProvider.GetRequiredService<SlackFileCommands>().TryStart(team, ev);
            return;
        }

        if (ev.Str("type") == "app_mention" && ev.Str("channel") is { } channel)
        {
            // Someone said @CollabBot: answer in the channel with how to use it.
            var hello = new ReplyBuilder(null)
                .Line("Hi! I answer slash commands: /wg for working groups, /meeting for meetings, /credit for author lists, /dataset for datasets, /profile and /collab.")
                .Line(Line.Of(new Text("Start with "), new Code("/collab help"), new Text(" or "), new Code("/wg list"), new Text(".")))
                .Build();
            await new OutboxWriter(db).ToChannelAsync(new ChannelAddress("slack", team, channel), hello, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            scope.ServiceProvider.GetRequiredService<OutboxSignal>().Pulse();
        }
    }

    private readonly record struct Verified(byte[]? Bytes, IResult? Problem);

    private static async Task<Verified> VerifiedBodyAsync(HttpContext http, SlackOptions options, TimeProvider clock)
    {
        if (!options.HttpEnabled)
        {
            return new(null, Results.Text("Slack is not connected here (Slack:SigningSecret is not set).", statusCode: 404));
        }

        var bytes = await BoundedBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBody, http.RequestAborted);
        if (bytes is null)
        {
            return new(null, Results.Text($"The body is larger than {MaxBody / 1024} KiB; Slack's requests are smaller.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        var ok = SlackSignature.Verify(
            options.SigningSecret,
            http.Request.Headers["X-Slack-Request-Timestamp"].ToString(),
            http.Request.Headers["X-Slack-Signature"].ToString(),
            bytes,
            clock.GetUtcNow());
        return ok ? new(bytes, null) : new(null, Results.Text("invalid signature", statusCode: 401));
    }

    private static readonly IResult FormProblem = Results.Text(
        $"The form could not be read: Slack sends at most {FormReader.DefaultValueCountLimit} fields with keys of at most {FormReader.DefaultKeyLengthLimit} characters.",
        statusCode: StatusCodes.Status400BadRequest);

    /// <summary>
    /// The form, or null (logged) when it breaks the reader's limits on field count and key length; those limits stay,
    /// as no form from Slack comes near them, and a signed request past them is a 400, not a crash.
    /// </summary>
    private static Dictionary<string, StringValues>? ReadForm(byte[] body, string endpoint, ILogger logger)
    {
        using var reader = new FormReader(Encoding.UTF8.GetString(body));
        try
        {
            return reader.ReadForm();
        }
        catch (InvalidDataException ex)
        {
            LogUnreadableForm(logger, endpoint, ex.Message);
            return null;
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signed request to {Endpoint} had a form that could not be read ({Reason}); answered 400")]
    private static partial void LogUnreadableForm(ILogger logger, string endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventId} was already handled; acknowledged without processing it again")]
    private static partial void LogDuplicate(ILogger logger, string eventId);
}
