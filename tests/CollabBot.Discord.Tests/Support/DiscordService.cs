using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;

namespace CollabBot.Discord.Tests.Support;

/// <summary>
/// The real CollabBot host (<c>WebApplicationFactory&lt;Program&gt;</c>) on a temporary SQLite file with the demo
/// seed, its Discord settings pointing at a <see cref="FakeDiscord"/>, and an Ed25519 key pair generated here
/// whose public half is <c>Discord:PublicKey</c>, so the test can sign interactions as Discord would.
/// </summary>
public sealed class DiscordService : IAsyncDisposable
{
    public const string ApplicationId = "900000000000000001";

    /// <summary>The demo guild and jet-tagging's channel in it (seeds/community.yaml).</summary>
    public const string GuildId = "1000000000000000001";

    public const string ChannelId = "1000000000000000021";

    /// <summary>Jonas (discord:100000000000000101) convenes jet-tagging in the seed.</summary>
    public static readonly DiscordUser Jonas = new("100000000000000101", "jonas", "Jonas van der Berg");

    /// <summary>A Discord user listed in <c>Bot:Admins</c> for these tests.</summary>
    public static readonly DiscordUser DiscordAdmin = new("100000000000000999", "opsadmin", "Ops Admin");

    private readonly Factory factory;
    private readonly string databasePath;

    private DiscordService(Factory factory, Key key, string databasePath)
    {
        this.factory = factory;
        Key = key;
        this.databasePath = databasePath;
        Client = factory.CreateClient();
    }

    /// <summary>The key Discord would sign with; its public half is configured as <c>Discord:PublicKey</c>.</summary>
    public Key Key { get; }

    public HttpClient Client { get; }

    /// <summary>
    /// A client straight to the test server, without the factory's redirect handler, which copies every request body
    /// into memory first: for sending bodies that must be streamed.
    /// </summary>
    public HttpClient StreamingClient() => factory.Server.CreateClient();

    public IServiceProvider Services => factory.Services;

    public InteractionProcessor Processor => Services.GetRequiredService<InteractionProcessor>();

    /// <summary>
    /// Starts the service. <paramref name="settings"/> override or add configuration keys (for example
    /// <c>Discord:Gateway</c>, <c>Discord:InlineReplyBudget</c>); a null value removes a default.
    /// </summary>
    public static async Task<DiscordService> StartAsync(FakeDiscord fake, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null, Key? key = null)
    {
        key ??= Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var databasePath = Path.Combine(Path.GetTempPath(), $"collabbot-discord-tests-{Guid.NewGuid():N}.db");
        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:CollabBot"] = $"Data Source={databasePath}",
            ["Database:Provider"] = "Sqlite",
            ["Bot:Admins:0"] = "console:admin",
            ["Bot:Admins:1"] = "discord:" + DiscordAdmin.Id,
            ["Discord:PublicKey"] = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            ["Discord:ApplicationId"] = ApplicationId,
            ["Discord:BotToken"] = FakeDiscord.BotToken,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Discord:Gateway"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            config[name] = value;
        }

        var factory = new Factory(config, clock);
        var service = new DiscordService(factory, key, databasePath);

        // Creating the client started the host: migrations applied and the demo community seeded.
        await using var scope = service.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CollabBotDbContext>().Groups.FindAsync(1);
        return service;
    }

    /// <summary>Discord's signature headers for <paramref name="body"/>: Ed25519 over timestamp + body, timestamp now unless given.</summary>
    public (string Timestamp, string Signature) Sign(string body, long? unixSeconds = null, Key? with = null)
    {
        var timestamp = (unixSeconds ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var signature = SignatureAlgorithm.Ed25519.Sign(with ?? Key, Encoding.UTF8.GetBytes(timestamp + body));
        return (timestamp, Convert.ToHexStringLower(signature));
    }

    /// <summary>POSTs <paramref name="body"/> to <c>/discord/interactions</c> with the given headers, exactly as given.</summary>
    public Task<HttpResponseMessage> PostRawAsync(string body, string? timestamp, string? signature)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = content };
        if (timestamp is not null)
        {
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }

        if (signature is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
        }

        return SendAndDisposeAsync(request);
    }

    /// <summary>Signs and POSTs an interaction as Discord would.</summary>
    public Task<HttpResponseMessage> PostAsync(JsonObject interaction)
    {
        var body = interaction.ToJsonString();
        var (timestamp, signature) = Sign(body);
        return PostRawAsync(body, timestamp, signature);
    }

    /// <summary>Signs and POSTs an interaction, expects 200, and returns the interaction response.</summary>
    public async Task<JsonObject> InteractAsync(JsonObject interaction)
    {
        using var response = await PostAsync(interaction);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Runs a typed command as a console identity (e.g. <c>console:admin</c>) through the service's own dispatcher.</summary>
    public Task<Reply> SayAsync(string identity, string line) =>
        Services.GetRequiredService<Dispatcher>().DispatchTextAsync(Platform.Console, "local", null, new Caller(identity), line);

    public async Task<T> QueryAsync<T>(Func<CollabBotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(databasePath + suffix);
            }
            catch (IOException)
            {
                // A leftover temp file is harmless.
            }
        }
    }

    private async Task<HttpResponseMessage> SendAndDisposeAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await Client.SendAsync(request);
        }
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, TimeProvider? clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Not Development: no user secrets, so nothing on this machine can point the service at a real Discord.
            builder.UseEnvironment("Testing");
            builder.UseContentRoot(AppContext.BaseDirectory);

            // The demo seed's meetings would post reminders to the seeded channels in the middle of a test.
            builder.UseSetting("Reminders:Enabled", "false");
            foreach (var (name, value) in settings)
            {
                builder.UseSetting(name, value);
            }

            if (clock is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(clock));
            }
        }
    }
}

/// <summary>A Discord user as interactions carry it.</summary>
public sealed record DiscordUser(string Id, string Username, string? GlobalName = null)
{
    public string Identity => "discord:" + Id;
}
