using System.Collections.Concurrent;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Tests.Support;

/// <summary>
/// A chat platform that records what it is asked to post, and can be told to fail the next N posts. The outbox posts
/// to several channels at once, so its counters are kept under a lock.
/// </summary>
public sealed class FakePoster(string platform) : IChatPoster
{
    private readonly Lock gate = new();

    public string Platform { get; } = platform;

    public ConcurrentQueue<(string Target, Reply Reply)> Posted { get; } = new();

    public int FailNext { get; set; }

    public int Attempts { get; private set; }

    public void ResetAttempts() => Attempts = 0;

    public Task PostToChannelAsync(string tenant, string channelId, Reply reply, OutboxPost post, CancellationToken cancellationToken) => Post(channelId, reply);

    public Task PostToPersonAsync(string tenant, string identity, Reply reply, OutboxPost post, CancellationToken cancellationToken) => Post(identity, reply);

    private Task Post(string target, Reply reply)
    {
        lock (gate)
        {
            Attempts++;
            if (FailNext > 0)
            {
                FailNext--;
                throw new HttpRequestException("platform unreachable (test)");
            }

            Posted.Enqueue((target, reply));
        }

        return Task.CompletedTask;
    }
}
