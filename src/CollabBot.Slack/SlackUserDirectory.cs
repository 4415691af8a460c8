using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack;

/// <summary>
/// Real names for Slack users, from <c>users.info</c>, fetched the first time a user is seen and cached, so
/// people are created with their real names (author lists need names, not handles). Without a bot token,
/// or when Slack is slow or down, commands go ahead without the names.
/// </summary>
public sealed partial class SlackUserDirectory(SlackApiClient api, IOptionsMonitor<SlackOptions> options, TimeProvider clock, ILogger<SlackUserDirectory> logger)
{
    /// <summary>How long a command waits for a name before going on without it.</summary>
    public static readonly TimeSpan LookupBudget = TimeSpan.FromMilliseconds(800);

    private readonly ConcurrentDictionary<string, Task<SlackUser?>> cache = new(StringComparer.Ordinal);

    public async Task<SlackUser?> FindAsync(string team, string user, CancellationToken cancellationToken = default)
    {
        if (!options.CurrentValue.PostingEnabled)
        {
            return null;
        }

        var key = $"{team}:{user}";
        var lookup = cache.GetOrAdd(key, _ => FetchAsync(key, user));
        var finished = await Task.WhenAny(lookup, Task.Delay(LookupBudget, clock, cancellationToken));
        return finished == lookup ? await lookup : null;
    }

    private async Task<SlackUser?> FetchAsync(string key, string user)
    {
        try
        {
            return await api.UsersInfoAsync(user);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TaskCanceledException)
        {
            LogLookupFailed(logger, user, ex.Message);
            cache.TryRemove(key, out _); // try again next time rather than remembering the failure
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "users.info for {User} failed: {Error}")]
    private static partial void LogLookupFailed(ILogger logger, string user, string error);
}
