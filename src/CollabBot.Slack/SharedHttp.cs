namespace CollabBot.Slack;

/// <summary>A long-lived HttpClient whose pooled connections are recycled, so DNS changes are picked up.</summary>
internal static class SharedHttp
{
    public static HttpClient Create() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };
}
