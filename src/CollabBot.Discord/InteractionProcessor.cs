using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Commands;
using CollabBot.Core.Inbound;
using CollabBot.Core.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Discord;

/// <summary>
/// Handles an interaction the same way whether it came over HTTP or the Gateway: PING → PONG; a command →
/// the core; autocomplete → suggestions from the database; a button → the command line it carries, run as
/// the presser. A command that is not done within the inline budget is deferred (type 5) and its original
/// response edited when it finishes (the token is valid for 15 minutes; <see cref="AcknowledgeThenFinish"/>).
/// </summary>
public sealed partial class InteractionProcessor(
    Dispatcher dispatcher,
    Autocomplete autocomplete,
    DiscordRestClient rest,
    AcknowledgeThenFinish acknowledge,
    Core.Downloads.SafeDownloader downloader,
    IOptionsMonitor<DiscordOptions> options,
    ILogger<InteractionProcessor> logger)
{
    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int Deferred = 5;
    public const int UpdateMessage = 7;
    public const int AutocompleteResult = 8;

    /// <summary>Deferred commands still being finished, and Gateway interactions being answered; tests await it.</summary>
    public BackgroundWork Background => acknowledge.Background;

    /// <summary>The response to send for <paramref name="interaction"/>; <paramref name="acknowledged"/> completes once it has been sent.</summary>
    public async Task<JsonObject> HandleAsync(JsonObject interaction, Task acknowledged, CancellationToken cancellationToken = default)
    {
        try
        {
            return await HandleTypeAsync(interaction, acknowledged, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A signed interaction that is not shaped as Discord documents it (a node of an unexpected kind) is a bug on
            // one side or the other: log it and answer the caller, never a 500 and never an unanswered interaction.
            LogMalformed(logger, ex);
            return Respond(Reply.Failed("Sorry, CollabBot could not read that interaction. It has been logged; please try again in a moment."), ephemeral: true);
        }
    }

    /// <summary>
    /// The HTTP endpoint's answer as JSON text: a command the read model holds a reply for is answered from it (rendered
    /// once per cached reply), with no thread hop and no budget timer; anything else as <see cref="HandleAsync"/>.
    /// </summary>
    public async Task<byte[]> HandleHttpAsync(JsonObject interaction, CancellationToken cancellationToken = default)
    {
        if (await CachedAsync(interaction, cancellationToken) is { } cached)
        {
            return cached;
        }

        // The response is the HTTP answer itself, so it is "sent" as soon as it is returned.
        return ResponseJson.Utf8(await HandleAsync(interaction, Task.CompletedTask, cancellationToken));
    }

    private async Task<byte[]?> CachedAsync(JsonObject interaction, CancellationToken cancellationToken)
    {
        try
        {
            if (interaction["type"] is not JsonValue t || !t.TryGetValue<int>(out var type) || type != 2 || InteractionMapper.Caller(interaction) is not { } caller)
            {
                return null;
            }

            // No downloader: a command with an attachment is never a cached read.
            var parsed = InteractionMapper.Map(dispatcher.Catalog, interaction, caller.Identity);
            return await dispatcher.CachedAsync(parsed, Platform.Discord, caller.Tenant, caller.ChannelId, caller.Identity, cancellationToken) is { } hit
                ? hit.Rendered ??= ResponseJson.Utf8(Respond(hit.Reply, Ephemeral(parsed)))
                : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Malformed: HandleAsync answers it (and logs it).
            return null;
        }
    }

    private static bool Ephemeral(ParseResult parsed) => !(parsed is ParseResult.Parsed p && p.Arguments["public"] is true);

    private async Task<JsonObject> HandleTypeAsync(JsonObject interaction, Task acknowledged, CancellationToken cancellationToken)
    {
        var type = interaction["type"] is JsonValue t && t.TryGetValue<int>(out var i) ? i : 0;
        switch (type)
        {
            case 1:
                return new JsonObject { ["type"] = Pong };
            case 2:
                return await CommandAsync(interaction, acknowledged, cancellationToken);
            case 3:
                return await ButtonAsync(interaction, cancellationToken);
            case 4:
                return await AutocompleteAsync(interaction, cancellationToken);
            default:
                return Respond(Reply.Invalid("CollabBot does not handle that kind of interaction."), ephemeral: true);
        }
    }

    private async Task<JsonObject> CommandAsync(JsonObject interaction, Task acknowledged, CancellationToken cancellationToken)
    {
        var caller = InteractionMapper.Caller(interaction);
        if (caller is null)
        {
            return Respond(Reply.Invalid("That interaction did not say who sent it, so it could not be run."), ephemeral: true);
        }

        var parsed = InteractionMapper.Map(dispatcher.Catalog, interaction, caller.Identity, downloader);
        var ephemeral = Ephemeral(parsed);
        var text = "/" + (interaction["data"]?["name"]?.ToString() ?? "");
        var inline = await acknowledge.RunAsync(
            "Discord",
            () => dispatcher.DispatchParsedAsync(parsed, Platform.Discord, caller.Tenant, caller.ChannelId, new Caller(caller.Identity, caller.Name), text, CancellationToken.None),
            options.CurrentValue.InlineReplyBudget,
            reply => EditOriginalAsync(reply, interaction, acknowledged, ephemeral),
            cancellationToken);
        if (inline is not null)
        {
            return Respond(inline, ephemeral);
        }

        var deferred = new JsonObject { ["type"] = Deferred };
        if (ephemeral)
        {
            deferred["data"] = new JsonObject { ["flags"] = DiscordRenderer.Ephemeral };
        }

        return deferred;
    }

    private async Task<JsonObject> ButtonAsync(JsonObject interaction, CancellationToken cancellationToken)
    {
        var caller = InteractionMapper.Caller(interaction);
        var customId = interaction["data"]?["custom_id"]?.ToString();
        var keeps = customId?.StartsWith(DiscordRenderer.KeepButtonPrefix, StringComparison.Ordinal) == true;
        if (caller is null || customId is null || !(keeps || customId.StartsWith(DiscordRenderer.ButtonPrefix, StringComparison.Ordinal)))
        {
            return Respond(Reply.Invalid("That button is not one of CollabBot's."), ephemeral: true);
        }

        // Button lines are written by the core with identities as @platform:… (the console syntax), and run as the presser.
        var line = customId[(keeps ? DiscordRenderer.KeepButtonPrefix : DiscordRenderer.ButtonPrefix).Length..];
        var parsed = TypedTextParser.ParseLine(dispatcher.Catalog, line, new ParseContext(Platform.Console, caller.Tenant, caller.Identity));
        var reply = await dispatcher.DispatchParsedAsync(parsed, Platform.Discord, caller.Tenant, caller.ChannelId, new Caller(caller.Identity, caller.Name), line, cancellationToken);
        if (keeps)
        {
            // A vote or an RSVP: the message stays for the next person; the answer is the presser's alone.
            return Respond(reply, ephemeral: true);
        }

        var data = DiscordRenderer.Message(reply, ephemeral: false);
        data["components"] = new JsonArray(); // the decision is made: remove the buttons
        return new JsonObject { ["type"] = UpdateMessage, ["data"] = data };
    }

    private async Task<JsonObject> AutocompleteAsync(JsonObject interaction, CancellationToken cancellationToken)
    {
        var focused = InteractionMapper.Focused(dispatcher.Catalog, interaction);
        var suggestions = focused is { } f && f.Option.IsReference
            ? await autocomplete.SuggestAsync(f.Option.Type, f.Value, cancellationToken)
            : [];
        return new JsonObject
        {
            ["type"] = AutocompleteResult,
            ["data"] = new JsonObject
            {
                ["choices"] = new JsonArray([.. suggestions.Take(Autocomplete.Max).Select(s => (JsonNode)new JsonObject { ["name"] = s.Label, ["value"] = s.Value })]),
            },
        };
    }

    /// <summary>Finishes a deferred command: its original response is edited once the deferral has been sent.</summary>
    private async Task EditOriginalAsync(Reply reply, JsonObject interaction, Task acknowledged, bool ephemeral)
    {
        var applicationId = interaction["application_id"]?.ToString() ?? options.CurrentValue.ApplicationId;
        var token = interaction["token"]?.ToString();
        if (applicationId is null || token is null)
        {
            return;
        }

        try
        {
            await acknowledged;
            var message = DiscordRenderer.Message(reply, ephemeral);
            message.Remove("flags"); // ephemerality was fixed when the response was deferred
            await rest.EditOriginalAsync(applicationId, token, message);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TaskCanceledException)
        {
            LogEditFailed(logger, ex.Message);
        }
    }

    private static JsonObject Respond(Reply reply, bool ephemeral) => new()
    {
        ["type"] = ChannelMessage,
        ["data"] = DiscordRenderer.Message(reply, ephemeral || reply.IsError || !reply.Public),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "A Discord interaction could not be handled")]
    private static partial void LogMalformed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Editing a deferred Discord response failed: {Error}")]
    private static partial void LogEditFailed(ILogger logger, string error);
}
