using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Commands;
using CollabBot.Core.Inbound;
using CollabBot.Core.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack;

/// <summary>A slash command as Slack sends it (form fields over HTTP, or the same fields as JSON over Socket Mode).</summary>
public sealed record SlackCommand(string TeamId, string UserId, string? UserName, string ChannelId, string Command, string? Text, string? ResponseUrl);

/// <summary>
/// A button press (<c>block_actions</c>): the command line the button carries, and who pressed it where. A decision's
/// result replaces the message; a vote or an RSVP (<see cref="ReplaceOriginal"/> false) answers the presser alone.
/// </summary>
public sealed record SlackAction(string TeamId, string UserId, string? ChannelId, string CommandLine, string? ResponseUrl, bool ReplaceOriginal = true)
{
    /// <summary>The action ids the renderer gives buttons: <c>collab_N</c>, and <c>collab_keep_N</c> for those that keep the message.</summary>
    public static SlackAction? From(string team, string user, string? channel, string? actionId, string? value, string? responseUrl) =>
        value is { Length: > 0 } && actionId?.StartsWith(SlackRenderer.ActionPrefix, StringComparison.Ordinal) == true
            ? new SlackAction(team, user, channel, value, responseUrl, !actionId.StartsWith(SlackRenderer.KeepActionPrefix, StringComparison.Ordinal))
            : null;
}

/// <summary>
/// Turns Slack commands and button presses into core invocations and the replies into Slack messages.
/// Slack wants an answer within 3 seconds: a command that finishes within the inline budget is answered
/// at once; a slower one is acknowledged and finished through its <c>response_url</c> (<see cref="AcknowledgeThenFinish"/>).
/// </summary>
public sealed partial class SlackCommandProcessor(
    Dispatcher dispatcher,
    SlackUserDirectory directory,
    SlackApiClient api,
    AcknowledgeThenFinish acknowledge,
    IOptionsMonitor<SlackOptions> options,
    ILogger<SlackCommandProcessor> logger)
{
    public const string WorkingOnIt = "Working on it…";

    /// <summary>Completes in-flight work started after an early acknowledgement; tests await it.</summary>
    public BackgroundWork Background => acknowledge.Background;

    /// <summary>
    /// The HTTP endpoint's answer as JSON text: a read the read model holds is answered from it (rendered once per cached
    /// reply), with no user look-up, no thread hop and no budget timer; anything else runs as <see cref="HandleCommandAsync"/>.
    /// </summary>
    public async Task<byte[]> HandleCommandJsonAsync(SlackCommand command, CancellationToken cancellationToken = default)
    {
        var identity = Identity(command.TeamId, command.UserId);
        var parsed = TypedTextParser.Parse(dispatcher.Catalog, command.Command, command.Text, new ParseContext(Platform.Slack, command.TeamId, identity));
        if (await dispatcher.CachedAsync(parsed, Platform.Slack, command.TeamId, command.ChannelId, identity, cancellationToken) is { } hit)
        {
            return hit.Rendered ??= ResponseJson.Utf8(SlackRenderer.CommandResponse(hit.Reply, command.TeamId));
        }

        return ResponseJson.Utf8(await HandleCommandAsync(command, cancellationToken));
    }

    public async Task<JsonObject> HandleCommandAsync(SlackCommand command, CancellationToken cancellationToken = default)
    {
        var inline = await acknowledge.RunAsync(
            "Slack",
            () => RunCommandAsync(command),
            options.CurrentValue.InlineReplyBudget,
            reply => RespondAsync(command.TeamId, command.ResponseUrl, reply, replaceOriginal: null),
            cancellationToken);
        return inline is not null
            ? SlackRenderer.CommandResponse(inline, command.TeamId)
            : new JsonObject { ["response_type"] = "ephemeral", ["text"] = WorkingOnIt };
    }

    /// <summary>Button presses are acknowledged at once by the endpoint; the result replaces the message that had the buttons.</summary>
    public void HandleAction(SlackAction action) =>
        acknowledge.Later("Slack", Task.Run(() => RunActionAsync(action)), reply => RespondAsync(action.TeamId, action.ResponseUrl, reply, replaceOriginal: action.ReplaceOriginal));

    private async Task<Reply> RunCommandAsync(SlackCommand command)
    {
        var caller = await CallerAsync(command.TeamId, command.UserId, command.UserName);
        var context = new ParseContext(Platform.Slack, command.TeamId, caller.Identity);
        var parsed = TypedTextParser.Parse(dispatcher.Catalog, command.Command, command.Text, context);
        if (parsed is ParseResult.Parsed p)
        {
            await AddRealNamesAsync(command.TeamId, p.Arguments);
        }

        var text = $"{command.Command} {command.Text}".TrimEnd();
        return await dispatcher.DispatchParsedAsync(parsed, Platform.Slack, command.TeamId, command.ChannelId, caller, text);
    }

    private async Task<Reply> RunActionAsync(SlackAction action)
    {
        var caller = await CallerAsync(action.TeamId, action.UserId, null);

        // Button values are command lines written by the core with identities as @platform:… (the console syntax).
        var parsed = TypedTextParser.ParseLine(dispatcher.Catalog, action.CommandLine, new ParseContext(Platform.Console, action.TeamId, caller.Identity));
        return await dispatcher.DispatchParsedAsync(parsed, Platform.Slack, action.TeamId, action.ChannelId, caller, action.CommandLine);
    }

    private async Task<Caller> CallerAsync(string team, string user, string? userName)
    {
        var identity = Identity(team, user);
        var found = await directory.FindAsync(team, user);
        return new Caller(identity, found?.RealName ?? found?.DisplayName ?? userName, found?.FirstName, found?.LastName, found?.TimeZone);
    }

    private static string Identity(string team, string user) => $"slack:{team}:{user}";

    /// <summary>Mentioned people get their real names too, when Slack tells us in time.</summary>
    private async Task AddRealNamesAsync(string team, ArgumentBag arguments)
    {
        var prefix = $"slack:{team}:";
        foreach (var (name, value) in arguments.Values.ToList())
        {
            if (value is UserRef user && user.Identity.StartsWith(prefix, StringComparison.Ordinal) && user.Label != "me")
            {
                var found = await directory.FindAsync(team, user.Identity[prefix.Length..]);
                if (found?.RealName is { } real)
                {
                    arguments.Set(name, user with { Label = real });
                }
            }
        }
    }

    private async Task RespondAsync(string team, string? responseUrl, Reply reply, bool? replaceOriginal)
    {
        if (responseUrl is null)
        {
            return;
        }

        try
        {
            await api.PostToResponseUrlAsync(responseUrl, SlackRenderer.CommandResponse(reply, team, replaceOriginal));
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TaskCanceledException)
        {
            LogResponseUrlFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting to a Slack response_url failed: {Error}")]
    private static partial void LogResponseUrlFailed(ILogger logger, string error);
}
