using System.Collections.Concurrent;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;

namespace CollabBot.Console;

/// <summary>
/// The console platform's "chat": what the bot posts to console channels and people is kept in memory
/// (the latest 100 messages), logged, and shown on the /console page, so notifications can be tried locally.
/// </summary>
public sealed partial class ConsolePoster(ILogger<ConsolePoster> logger) : IChatPoster
{
    private const int Keep = 100;
    private readonly ConcurrentQueue<ConsoleMessage> messages = new();

    public sealed record ConsoleMessage(string To, Reply Reply);

    public string Platform => "console";

    public IReadOnlyList<ConsoleMessage> Recent => [.. messages.Reverse()];

    public Task PostToChannelAsync(string tenant, string channelId, Reply reply, OutboxPost post, CancellationToken cancellationToken) =>
        Record("#" + channelId, reply);

    public Task PostToPersonAsync(string tenant, string identity, Reply reply, OutboxPost post, CancellationToken cancellationToken) =>
        Record(identity, reply);

    private Task Record(string to, Reply reply)
    {
        messages.Enqueue(new ConsoleMessage(to, reply));
        while (messages.Count > Keep && messages.TryDequeue(out _))
        {
        }

        LogPosted(logger, to, reply.Plain);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "To {To}: {Text}")]
    private static partial void LogPosted(ILogger logger, string to, string text);
}
