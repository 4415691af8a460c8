using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using CollabBot.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests.Support;

/// <summary>
/// The real host, started through <c>Program</c> as <c>dotnet run</c> would (verbs, migrations, first-start seeding),
/// in Development, on a SQLite file of its own. One per test class (<c>IClassFixture</c>), so classes run in parallel.
/// </summary>
public class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly string directory = Directory.CreateTempSubdirectory("collabbot-web-").FullName;

    /// <summary>With COLLABBOT_TEST_POSTGRES set, a PostgreSQL database of this fixture's own instead of the SQLite file.</summary>
    private readonly string? postgres = TestPostgres.Enabled ? TestPostgres.CreateAsync().GetAwaiter().GetResult() : null;

    public string DatabasePath => Path.Combine(directory, "collabbot.db");

    /// <summary>Settings a derived fixture changes, e.g. <c>Console:Enabled</c>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>
    /// The address requests come from. The in-memory test server has no socket and leaves the connection's remote
    /// address empty; a browser on this machine would come from loopback, so that is what its requests say unless a
    /// fixture plays a visitor from elsewhere.
    /// </summary>
    protected virtual IPAddress RemoteAddress => IPAddress.Loopback;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (postgres is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:CollabBot", postgres);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:CollabBot", $"Data Source={DatabasePath}");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // Antiforgery keys in memory, not in the user's ~/.aspnet key ring.
        builder.ConfigureTestServices(services =>
        {
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
            services.AddSingleton<IStartupFilter>(new ConnectionFrom(RemoteAddress));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (postgres is not null)
        {
            await TestPostgres.DropAsync(postgres);
        }

        Directory.Delete(directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>Gives each request of the in-memory server the remote address a socket would have given it.</summary>
internal sealed class ConnectionFrom(IPAddress address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= address;
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>The same host with the local console turned off, as in Production.</summary>
public sealed class ConsoleDisabledFactory : ServiceFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Console:Enabled"] = "false" };
}
