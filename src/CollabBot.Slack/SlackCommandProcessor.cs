using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack;

/// <summary>A slash command as Slack sends it (form fields over HTTP, or the same fields as JSON over Socket Mode).</summary>
public sealed record SlackCommand(string TeamId, string UserId, string? UserName, string ChannelId, string Command, string? Text, string? ResponseUrl);

/// <summary>A button press (<c>block_actions</c>): the command line the button carries, and who pressed it where.</summary>
public sealed record SlackAction(string TeamId, string UserId, string? ChannelId, string CommandLine, string? ResponseUrl);

/// <summary>
/// Turns Slack commands and button presses into core invocations and the replies into Slack messages.
/// Slack wants an answer within 3 seconds: a command that finishes within the inline budget is answered
/// at once; a slower one is acknowledged and finished through its <c>response_url</c>.
/// </summary>
public sealed partial class SlackCommandProcessor(
    Dispatcher dispatcher,
    SlackUserDirectory directory,
    SlackApiClient api,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackCommandProcessor> logger)
{
    public const string WorkingOnIt = "Working on it…";

    /// <summary>Completes in-flight work started after an early acknowledgement; tests await it.</summary>
    public BackgroundWork Background { get; } = new();

    public async Task<JsonObject> HandleCommandAsync(SlackCommand command, CancellationToken cancellationToken = default)
    {
        // The work must outlive an early acknowledgement, so it does not take the request's token. It starts on
        // the thread pool: SQLite's "async" calls complete synchronously, and run inline the whole command would
        // finish before the budget timer even started, so a slow one could never be acknowledged early.
        var work = Task.Run(() => RunCommandAsync(command), CancellationToken.None);
        var budget = Task.Delay(options.CurrentValue.InlineReplyBudget, clock, cancellationToken);
        if (await Task.WhenAny(work, budget) == work)
        {
            return SlackRenderer.CommandResponse(await work, command.TeamId);
        }

        Background.Track(FinishLaterAsync(work, command.TeamId, command.ResponseUrl, replaceOriginal: null));
        return new JsonObject { ["response_type"] = "ephemeral", ["text"] = WorkingOnIt };
    }

    /// <summary>Button presses are acknowledged at once by the endpoint; the result replaces the message that had the buttons.</summary>
    public void HandleAction(SlackAction action) =>
        Background.Track(FinishLaterAsync(Task.Run(() => RunActionAsync(action)), action.TeamId, action.ResponseUrl, replaceOriginal: true));

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
        var identity = $"slack:{team}:{user}";
        var found = await directory.FindAsync(team, user);
        return new Caller(identity, found?.RealName ?? found?.DisplayName ?? userName, found?.FirstName, found?.LastName, found?.TimeZone);
    }

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

    private async Task FinishLaterAsync(Task<Reply> work, string team, string? responseUrl, bool? replaceOriginal)
    {
        Reply reply;
        try
        {
            reply = await work;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            reply = Reply.Failed("Sorry, something went wrong on our side. It has been logged; please try again in a moment.");
        }

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

    [LoggerMessage(Level = LogLevel.Error, Message = "A Slack command failed after it was acknowledged")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting to a Slack response_url failed: {Error}")]
    private static partial void LogResponseUrlFailed(ILogger logger, string error);
}
