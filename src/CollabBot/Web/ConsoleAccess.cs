using System.Net;
using CollabBot.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CollabBot.Web;

/// <summary>
/// Whether the web console answers a request: the one rule its endpoints, the navigation and every "try it in the
/// console" link follow. The console runs any command as any <c>console:</c> identity, admins included, so it is a
/// tool for the machine it runs on: on when <c>Console:Enabled</c>, and then only for local requests unless
/// <c>Console:AllowRemote</c> says otherwise.
/// </summary>
public sealed partial class ConsoleAccess(IOptions<ConsoleOptions> options)
{
    /// <summary>
    /// Headers a reverse proxy adds. Behind a proxy every request arrives over loopback from the proxy itself, so a
    /// request that carries any of these came from somewhere else, whatever its connection says.
    /// </summary>
    public static readonly IReadOnlyList<string> ProxyHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "Via"];

    public bool Answers(HttpContext context) => options.Value.Enabled && (options.Value.AllowRemote || IsLocal(context));

    /// <summary>
    /// A loopback connection, that no reverse proxy forwarded, naming a loopback host. The Host check is what stops
    /// DNS rebinding: a web page whose own name resolves to 127.0.0.1 reaches the console from the visitor's browser
    /// over loopback, but its requests carry its own name as Host.
    /// </summary>
    public static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote && IsLoopback(remote)
        && !ProxyHeaders.Any(context.Request.Headers.ContainsKey)
        && IsLoopbackHost(context.Request.Host.Host);

    /// <summary>The console's web form accepts only console identities: it must not speak for a Slack or Discord user.</summary>
    public static bool IsConsoleIdentity(string identity) =>
        identity.StartsWith("console:", StringComparison.Ordinal) && Core.Values.IdentityKey.IsValid(identity);

    /// <summary>A link that opens the console with this command typed in, as someone new.</summary>
    public static string Link(string line) => "/console?as=console:newcomer&line=" + Uri.EscapeDataString(line);

    /// <summary><c>localhost</c>, a name under <c>.localhost</c> (RFC 6761), or a loopback address.</summary>
    public static bool IsLoopbackHost(string host)
    {
        host = host.Trim().TrimEnd('.');
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IsLoopback(address));
    }

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>
    /// Once the server listens: a warning in the start-up log when the console is on and the service listens where
    /// other hosts can reach it (any address that is not loopback, a Unix socket or a named pipe).
    /// </summary>
    public static void WarnWhenReachable(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value;
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var exposed = addresses.Where(a => !IsLocalAddress(a)).ToList();
            if (!options.Enabled || exposed.Count == 0)
            {
                return;
            }

            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CollabBot.Console");
            if (options.AllowRemote)
            {
                LogReachableAndRemote(logger, string.Join(", ", exposed));
            }
            else
            {
                LogReachable(logger, string.Join(", ", exposed));
            }
        });
    }

    /// <summary>Whether a server address (<c>http://127.0.0.1:5080</c>, <c>http://[::]:80</c>, <c>http://unix:/run/x.sock</c>) is reachable only from this machine.</summary>
    public static bool IsLocalAddress(string address)
    {
        var rest = address[(address.IndexOf("://", StringComparison.Ordinal) is var i and >= 0 ? i + 3 : 0)..];
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var host = rest.Split('/')[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
        return IsLoopbackHost(host);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web console is on (Console:Enabled) and the service listens on {Addresses}, which other hosts may reach. The console answers only local requests there; turn it off unless this machine needs it, and behind a reverse proxy make sure the proxy sends X-Forwarded-For.")]
    private static partial void LogReachable(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web console is on (Console:Enabled) with Console:AllowRemote and the service listens on {Addresses}, which other hosts may reach: anyone who reaches /console can run any command as any console identity, console:admin included.")]
    private static partial void LogReachableAndRemote(ILogger logger, string addresses);
}
