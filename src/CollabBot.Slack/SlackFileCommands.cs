using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollabBot.Core;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Downloads;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack;

/// <summary>
/// How a file reaches a command on Slack. Slash commands carry no files, so a file is shared in a channel or a
/// direct message to the bot with the command line as its message (<c>/challenge submit jets --method BDT</c>,
/// optionally after an @-mention of the bot). The Events API delivers that as a <c>message</c> event with a
/// <c>files</c> array; the file's <c>url_private_download</c> is fetched with the bot token, which is sent only when
/// that address is on Slack's file host (<see cref="SlackOptions.FilesBaseUrl"/>) and never after a redirect leaves
/// it (<see cref="SafeDownloader"/>), and no larger than <c>Challenges:MaxUploadBytes</c>. Messages that do not start
/// with one of CollabBot's commands are ignored: people share files all day. The answer goes to the same
/// conversation through the outbox.
/// </summary>
public sealed partial class SlackFileCommands(
    Dispatcher dispatcher,
    SlackUserDirectory directory,
    SafeDownloader downloader,
    AcknowledgeThenFinish acknowledge,
    IServiceScopeFactory scopes,
    OutboxSignal outboxSignal,
    IOptionsMonitor<SlackOptions> options,
    ILogger<SlackFileCommands> logger)
{
    /// <summary>Commands run from shared files that are still running; tests await it.</summary>
    public BackgroundWork Background => acknowledge.Background;

    /// <summary>
    /// Looks at a <c>message</c> event: when it carries files and its text is one of CollabBot's commands, runs it in
    /// the background (the event is acknowledged at once) and returns true; otherwise false, and nothing happens.
    /// </summary>
    public bool TryStart(string team, JsonObject ev)
    {
        if (!IsCandidate(ev) || ev["files"] is not JsonArray files || ev.Str("user") is not { } user || ev.Str("channel") is not { } channel
            || CommandLine(ev.Str("text")) is not { } line || dispatcher.Catalog.Top(line.Command) is null)
        {
            return false;
        }

        var work = Task.Run(() => RunAndAnswerAsync(team, user, channel, line, files));
        Background.Track(work);
        return true;
    }

    private async Task RunAndAnswerAsync(string team, string user, string channel, (string Command, string Text) line, JsonArray files)
    {
        Reply reply;
        try
        {
            reply = await RunAsync(team, user, channel, line, files);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, line.Command);
            reply = AcknowledgeThenFinish.Apology;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            await new OutboxWriter(db).ToChannelAsync(new ChannelAddress("slack", team, channel), reply, CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
            outboxSignal.Pulse();
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, line.Command);
        }
    }

    private async Task<Reply> RunAsync(string team, string user, string channel, (string Command, string Text) line, JsonArray files)
    {
        var found = await directory.FindAsync(team, user);
        var caller = new Caller($"slack:{team}:{user}", found?.RealName ?? found?.DisplayName, found?.FirstName, found?.LastName, found?.TimeZone);
        var parsed = TypedTextParser.Parse(dispatcher.Catalog, "/" + line.Command, line.Text, new ParseContext(Platform.Slack, team, caller.Identity));
        var text = $"/{line.Command} {line.Text}".TrimEnd();
        if (parsed is ParseResult.Parsed p)
        {
            var slot = p.Command.Options.FirstOrDefault(o => o.Type == OptionType.Attachment);
            if (slot is null)
            {
                return Reply.Invalid($"/{p.Command.Key} takes no file. Commands that do say so in their help, e.g. /{line.Command} help.", p.Command.Usage);
            }

            if (files.Count != 1)
            {
                return Reply.Invalid($"Share one file at a time with /{p.Command.Key}; this message had {files.Count}.", p.Command.Usage);
            }

            var file = FileOf(files[0] as JsonObject);
            if (file.Error is not null)
            {
                return Reply.Invalid(file.Error, p.Command.Usage);
            }

            p.Arguments.Set(slot.Name, file.File!);
        }

        return await dispatcher.DispatchParsedAsync(parsed, Platform.Slack, team, channel, caller, text);
    }

    /// <summary>
    /// A person's message (not a bot's, not an edit or deletion) with files and text that starts like a command: worth
    /// claiming the event for. Every other message the bot hears is ignored before it costs a database write.
    /// </summary>
    public static bool IsCandidate(JsonObject ev) =>
        ev.Str("type") == "message"
        && ev["files"] is JsonArray { Count: > 0 }
        && ev.Str("subtype") is null or "file_share"
        && ev.Str("bot_id") is null
        && ev.Str("user") is not null && ev.Str("channel") is not null
        && CommandLine(ev.Str("text")) is not null;

    /// <summary>A Slack file object (<c>id, name, size, url_private_download, mode…</c>) as an incoming file, if it may be fetched.</summary>
    public (IncomingFile? File, string? Error) FileOf(JsonObject? file)
    {
        var name = file?.Str("name") ?? file?.Str("title") ?? "file";
        if (file?.Str("mode") is "tombstone" or "hidden_by_limit")
        {
            return (null, $"Slack does not let CollabBot read {name} (it was deleted, or is hidden by the workspace's plan).");
        }

        var address = file?.Str("url_private_download") ?? file?.Str("url_private");
        if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var url))
        {
            return (null, $"Slack did not say where {name} can be downloaded; share it again.");
        }

        var slack = options.CurrentValue;
        var host = new Uri(slack.FilesBaseUrl);
        if (!string.Equals(url.Scheme, host.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(url.IdnHost, host.IdnHost, StringComparison.OrdinalIgnoreCase)
            || url.Port != host.Port)
        {
            // The token opens the workspace's files; it goes to Slack's file host and nowhere else.
            LogForeignHost(logger, url.Host);
            return (null, $"{name} is not on Slack's file host ({host.Host}), so CollabBot will not fetch it.");
        }

        if (!slack.PostingEnabled)
        {
            return (null, "CollabBot has no Slack bot token here (Slack:BotToken), so it cannot read files shared in Slack. Give --url instead.");
        }

        var size = file!["size"] is JsonValue v && v.TryGetValue<long>(out var bytes) ? bytes : (long?)null;
        var credential = new DownloadCredential(host.IdnHost, "Authorization", "Bearer " + slack.BotToken!.Trim());
        return (new RemoteFile(name, size, url, credential, downloader, "the Slack file", "slack-file"), null);
    }

    /// <summary>
    /// The command in a message's text: <c>/challenge submit …</c>, possibly after mentions of the bot (<c>&lt;@U…&gt;</c>).
    /// Null when the text does not start with a slash and a command word.
    /// </summary>
    public static (string Command, string Text)? CommandLine(string? text)
    {
        var match = CommandRegex().Match(text ?? "");
        return match.Success ? (match.Groups["command"].Value.ToLowerInvariant(), match.Groups["rest"].Value.Trim()) : null;
    }

    [GeneratedRegex(@"^\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>\s*)*/(?<command>[a-zA-Z][a-zA-Z0-9-]{0,31})(?:\s+(?<rest>.*))?$", RegexOptions.Singleline)]
    private static partial Regex CommandRegex();

    [LoggerMessage(Level = LogLevel.Error, Message = "A command from a file shared in Slack (/{Command}) failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A file shared in Slack pointed at {Host}, not Slack's file host; it was not fetched")]
    private static partial void LogForeignHost(ILogger logger, string host);
}
