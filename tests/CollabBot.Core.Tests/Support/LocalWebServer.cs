using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.Tests.Support;

/// <summary>One request as the local server saw it.</summary>
public sealed record SeenRequest(string Method, string Host, string Path, string? Authorization, DateTimeOffset At);

/// <summary>
/// Kestrel on 127.0.0.1 with a random port and handlers by path, for downloads and link checks: it records every
/// request (method, Host header, path, Authorization) so tests can assert what reached it and what did not.
/// </summary>
public sealed class LocalWebServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> routes = new(StringComparer.Ordinal);

    private LocalWebServer(WebApplication app) => this.app = app;

    public int Port { get; private set; }

    /// <summary>The server by IP: <c>http://127.0.0.1:port</c>.</summary>
    public Uri Base => new($"http://127.0.0.1:{Port}");

    /// <summary>The same server under another host name, <c>http://localhost:port</c>, for cross-host redirects.</summary>
    public Uri OtherHost => new($"http://localhost:{Port}");

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public Uri Url(string path) => new(Base, path);

    public static async Task<LocalWebServer> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalWebServer(app);
        var time = clock ?? TimeProvider.System;
        app.Run(async context =>
        {
            server.Requests.Enqueue(new SeenRequest(context.Request.Method, context.Request.Host.Host, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.FirstOrDefault(), time.GetUtcNow()));
            if (server.routes.TryGetValue(context.Request.Path.Value ?? "", out var handler))
            {
                await handler(context);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    public LocalWebServer Map(string path, Func<HttpContext, Task> handler)
    {
        routes[path] = handler;
        return this;
    }

    public LocalWebServer Text(string path, string body, int status = 200) => Map(path, async c =>
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "text/plain";
        await c.Response.WriteAsync(body);
    });

    public LocalWebServer Redirect(string path, string location, int status = 302) => Map(path, c =>
    {
        c.Response.StatusCode = status;
        c.Response.Headers.Location = location;
        return Task.CompletedTask;
    });

    public int Count(string path) => Requests.Count(r => r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
