using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using CollabBot.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.IntegrationTests;

/// <summary>The real host on Kestrel, listening on <paramref name="listen"/> port 0, its log lines kept.</summary>
public abstract class KestrelFactory : ServiceFactory
{
    protected KestrelFactory(IPAddress listen)
    {
        UseKestrel(options => options.Listen(listen, 0));
    }

    public LogLines Log { get; } = new();

    /// <summary>The port Kestrel chose.</summary>
    public int Port
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)).Port;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }
}

/// <summary>Console on (Development), listening on every address: reachable from other hosts.</summary>
public sealed class AllAddressesFactory() : KestrelFactory(IPAddress.Any);

/// <summary>Console on (Development), listening on loopback only.</summary>
public sealed class LoopbackOnlyFactory() : KestrelFactory(IPAddress.Loopback);

/// <summary>What a host logged, as (category, level, message).</summary>
public sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> lines = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> All => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}

/// <summary>
/// The console on a service other hosts can reach: the start-up log warns, and over a real socket a request from
/// another address is not answered, even when it names localhost.
/// </summary>
public sealed class ConsoleOnAllAddressesTests(AllAddressesFactory factory) : IClassFixture<AllAddressesFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Startup_ConsoleOnAndListeningOnEveryAddress_LogsAWarning()
    {
        var port = factory.Port;

        var warning = Assert.Single(factory.Log.All, l => l.Category == "CollabBot.Console" && l.Level == LogLevel.Warning);
        Assert.Contains($"0.0.0.0:{port}", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Console:Enabled", warning.Message, StringComparison.Ordinal);
        Assert.Contains("only local requests", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_OverASocketFromAnotherAddressNamingLocalhost_Answers404()
    {
        var port = factory.Port;
        var other = OtherAddress();
        Assert.SkipWhen(other is null, "This machine has no network address besides loopback to connect from.");

        using var http = new HttpClient();
        using var local = await http.GetAsync($"http://127.0.0.1:{port}/console", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{other}:{port}/console");
        request.Headers.Host = $"localhost:{port}";
        using var remote = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remote.StatusCode);
    }

    /// <summary>An IPv4 address of this machine that is not loopback: a connection to it comes from it, not from 127.0.0.1.</summary>
    private static IPAddress? OtherAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}

public sealed class ConsoleOnLoopbackTests(LoopbackOnlyFactory factory) : IClassFixture<LoopbackOnlyFactory>
{
    [Fact]
    public void Startup_ConsoleOnAndListeningOnLoopbackOnly_LogsNoWarning()
    {
        _ = factory.Port;

        Assert.DoesNotContain(factory.Log.All, l => l.Category == "CollabBot.Console" && l.Level >= LogLevel.Warning);
        Assert.Contains(factory.Log.All, l => l.Message.StartsWith("Platforms connected: console (web console at /console)", StringComparison.Ordinal));
    }
}
