using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Datasets;
using CollabBot.Core.Domain;
using CollabBot.Core.Http;
using CollabBot.Core.Outbox;
using CollabBot.Discord;
using CollabBot.GitHub;
using CollabBot.GitHub.Tests.Fakes;
using CollabBot.IntegrationTests.Support;
using CollabBot.Slack;
using CollabBot.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using NSec.Cryptography;

namespace CollabBot.IntegrationTests;

/// <summary>
/// A secret never reaches a log. The real service runs with every secret set - Slack's signing secret, bot and app
/// tokens, Discord's bot token, GitHub's token and webhook secret, and on PostgreSQL a password in the connection
/// string - and with every log category at Trace. The test drives each endpoint (signed and not), every outbound
/// path, and the failure paths: bad signatures, platforms answering 401 and 500, a platform that is gone, an
/// interaction that throws, Socket Mode and the Gateway refused. Then no captured log line, exception, structured
/// value or scope holds a secret, nor a Discord interaction token or a Slack response_url's path.
/// </summary>
public sealed class SecretsInLogsTests
{
    private const string Team = "T0DEMO";
    private const string Amara = "U0AMARA01";
    private const string SlackChannel = "C0CALO0001";
    private const string Guild = "1000000000000000001";
    private const string DiscordChannel = "1000000000000000011";
    private const string ApplicationId = "900000000000000001";

    private const string SigningSecret = "slack-signing-secret-7f3a9c2e51d84b06aa";
    private const string SlackBotToken = "xoxb-FAKE-TEST-ONLY-slack-bot-token";
    private const string SlackAppToken = "xapp-FAKE-TEST-ONLY-slack-app-token";
    private const string DiscordBotToken = "FAKE-TEST-ONLY.discord.bot-token";
    private const string WebhookSecret = "github-webhook-secret-c81d0b9e3f";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Service_EveryEndpointAndFailurePathAtTraceLevel_NoSecretInAnyLog()
    {
        var chat = await FakeChatApis.StartAsync(SlackBotToken, DiscordBotToken);
        var github = await FakeGitHubApi.StartAsync();
        github.AddRepo("collab-demo", "calo-showers", "calo-showers");
        var key = Key.Create(SignatureAlgorithm.Ed25519);
        await using var database = await Database.CreateAsync();
        var logs = new FakeLogCollector();
        var interactionTokens = new List<string>();
        var responseUrls = new List<string>();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:CollabBot"] = database.ConnectionString,
            ["Bot:Admins:0"] = "console:admin",
            ["Console:Enabled"] = "true",
            ["Reminders:Enabled"] = "false",
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = SlackBotToken,
            ["Slack:AppToken"] = SlackAppToken,
            ["Slack:ApiBaseUrl"] = chat.SlackApiBaseUrl.ToString(),
            ["Slack:InlineReplyBudget"] = "00:00:00",
            ["Discord:PublicKey"] = Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            ["Discord:ApplicationId"] = ApplicationId,
            ["Discord:BotToken"] = DiscordBotToken,
            ["Discord:Gateway"] = "true",
            ["Discord:ApiBaseUrl"] = chat.DiscordApiBaseUrl.ToString(),
            ["Discord:InlineReplyBudget"] = "00:00:00",
            ["GitHub:Token"] = FakeGitHubApi.Token,
            ["GitHub:WebhookSecret"] = WebhookSecret,
            ["GitHub:ApiBaseUrl"] = github.BaseUrl.ToString(),
        };

        var platformsUp = true;
        try
        {
            await using var service = new LoggedService(settings, logs);
            var http = service.CreateClient();
            await DriveSlackAsync(service, http, chat, responseUrls);
            await DriveDiscordAsync(service, http, key, chat, interactionTokens);
            await DriveGitHubAsync(service, http, github);
            await DriveOutboxAsync(service, chat);
            await DrivePagesAsync(http);

            // Gone: every platform unreachable from now on.
            platformsUp = false;
            await chat.DisposeAsync();
            await github.DisposeAsync();
            await DriveUnreachableAsync(service, http, chat, responseUrls);
        }
        finally
        {
            if (platformsUp)
            {
                await chat.DisposeAsync();
                await github.DisposeAsync();
            }
        }

        var records = logs.GetSnapshot();
        var text = records.Select(Render).ToList();

        // The paths were taken (else finding no secret would prove nothing), and Trace was on.
        Assert.Contains(records, r => r.Level == LogLevel.Trace);
        Assert.Contains(text, t => t.Contains("Posting to a Slack response_url failed: Slack response_url failed: http_500", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("Editing a deferred Discord response failed", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("A Discord interaction could not be handled", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("Slack Socket Mode connection 0 failed", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("Discord Gateway connection failed", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("failed: Unauthorized", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("failed: Unreachable", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("Gave up on outbox message", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("will retry", StringComparison.Ordinal));
        Assert.NotEmpty(interactionTokens);
        Assert.NotEmpty(responseUrls);

        var secrets = new List<(string Name, string Value)>
        {
            ("Slack:SigningSecret", SigningSecret),
            ("Slack:BotToken", SlackBotToken),
            ("Slack:AppToken", SlackAppToken),
            ("Discord:BotToken", DiscordBotToken),
            ("GitHub:Token", FakeGitHubApi.Token),
            ("GitHub:WebhookSecret", WebhookSecret),
        };
        if (database.Password is { } password)
        {
            secrets.Add(("the PostgreSQL password", password));
        }

        secrets.AddRange(interactionTokens.Select(t => ("a Discord interaction token", t)));
        secrets.AddRange(responseUrls.Select(u => ("a Slack response_url", new Uri(u).AbsolutePath)));
        foreach (var (name, value) in secrets)
        {
            var leaks = text.Where(t => t.Contains(value, StringComparison.Ordinal)).Take(3).ToList();
            Assert.True(leaks.Count == 0, $"{name} is in {leaks.Count}+ log records, e.g.:\n{string.Join("\n---\n", leaks)}");
        }
    }

    [Fact]
    public async Task Start_PostgresUnreachable_NeitherLogsNorErrorCarryThePassword()
    {
        const string Password = "pg-password-never-logged-4c1b7e";
        var logs = new FakeLogCollector();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:CollabBot"] = $"Host=127.0.0.1;Port=1;Database=collabbot;Username=collabbot;Password={Password};Timeout=2",
            ["Reminders:Enabled"] = "false",
        };

        await using var service = new LoggedService(settings, logs);
        var error = Assert.ThrowsAny<Exception>(() => service.CreateClient());

        Assert.Contains(nameof(NpgsqlException), error.ToString(), StringComparison.Ordinal); // it failed where it connects
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.GetSnapshot().Select(Render), t => t.Contains(Password, StringComparison.Ordinal));
    }

    private static async Task DriveSlackAsync(LoggedService service, HttpClient http, FakeChatApis chat, List<string> responseUrls)
    {
        string Url()
        {
            var url = chat.NewResponseUrl();
            responseUrls.Add(url);
            return url;
        }

        // Unsigned, signed with another secret, and stale: 401, on every endpoint.
        foreach (var path in new[] { "/slack/commands", "/slack/interactions", "/slack/events" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync(path, new StringContent("token=x", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(SlackSigned(path, "team_id=T0DEMO", "another-secret"), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(SlackSigned(path, "team_id=T0DEMO", SigningSecret, TimeProvider.System.GetUtcNow().AddMinutes(-10)), Ct)).StatusCode);
        }

        // A command acknowledged at once and finished through a response_url that fails, then ones that work.
        chat.Script(FakeChatApis.SlackRespond, "500");
        await SlackCommandAsync(http, "/collab", "whoami", Url());
        await WaitIdleAsync(service);
        await SlackCommandAsync(http, "/dataset", "track calo-showers", Url());
        await SlackCommandAsync(http, "/wg", "info nonexistent", Url());

        // A button press: Slack's block_actions example (Fixtures/slack/, see the Slack tests' Fixtures/README.md).
        var press = Fixture.Json("slack/interactivity/block_actions.json")
            .Set("team.id", Team)
            .Set("user.id", Amara)
            .Set("user.username", "amara")
            .Set("user.team_id", Team)
            .Set("container.channel_id", SlackChannel)
            .Set("channel.id", SlackChannel)
            .Set("response_url", Url())
            .Set("actions[0].action_id", "collab_whoami")
            .Set("actions[0].value", "/collab whoami");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(SlackSigned("/slack/interactions", "payload=" + Uri.EscapeDataString(press.ToJsonString())), Ct)).StatusCode);

        // Events: the URL check, a mention (answered through the outbox), and a body that is not JSON.
        var challenge = await http.SendAsync(SlackSigned("/slack/events", Fixture.Text("slack/events/url_verification.json"), contentType: "application/json"), Ct);
        Assert.Contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await challenge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var mention = Fixture.Json("slack/events/app_mention.json")
            .Set("team_id", Team)
            .Set("event_id", "Ev0SECRETS01")
            .Set("event.user", Amara)
            .Set("event.text", "<@U0BOT> hello")
            .Set("event.channel", SlackChannel);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(SlackSigned("/slack/events", mention.ToJsonString(), contentType: "application/json"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(SlackSigned("/slack/events", "{not json", contentType: "application/json"), Ct)).StatusCode);
        await WaitIdleAsync(service);
    }

    private static async Task DriveDiscordAsync(LoggedService service, HttpClient http, Key key, FakeChatApis chat, List<string> interactionTokens)
    {
        JsonObject Interaction(int type, JsonObject? data)
        {
            var token = "aW50ZXJhY3Rpb246" + Guid.NewGuid().ToString("N");
            interactionTokens.Add(token);
            // Discord's slash-command example (Fixtures/discord/, see the Discord tests' Fixtures/README.md) from Jonas.
            return Fixture.Json("discord/interactions/slash-command.json")
                .Set("id", "1250000000000000" + interactionTokens.Count.ToString("D3", CultureInfo.InvariantCulture))
                .Set("application_id", ApplicationId)
                .Set("type", type)
                .Set("token", token)
                .Set("guild_id", Guild)
                .Set("channel_id", DiscordChannel)
                .Set("member.user.id", "100000000000000101")
                .Set("member.user.username", "jonas")
                .Set("member.user.global_name", "Jonas")
                .Set("data", data);
        }

        var ping = Interaction(1, null).ToJsonString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(DiscordSigned(ping, key, timestamp: null), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(DiscordSigned(ping, Key.Create(SignatureAlgorithm.Ed25519)), Ct)).StatusCode);
        Assert.Contains("\"type\":1", await (await http.SendAsync(DiscordSigned(ping, key), Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A command deferred (budget zero) and finished by editing the response, which Discord refuses three times (retries included).
        chat.Script(FakeChatApis.DiscordEdit, "500", "500", "500");
        var whoami = Interaction(2, new JsonObject { ["id"] = "1100000000000000001", ["name"] = "collab", ["type"] = 1, ["options"] = new JsonArray(new JsonObject { ["type"] = 1, ["name"] = "whoami", ["options"] = new JsonArray() }) });
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(DiscordSigned(whoami.ToJsonString(), key), Ct)).StatusCode);
        await WaitIdleAsync(service);
        var list = Interaction(2, new JsonObject { ["id"] = "1100000000000000002", ["name"] = "wg", ["type"] = 1, ["options"] = new JsonArray(new JsonObject { ["type"] = 1, ["name"] = "list", ["options"] = new JsonArray() }) });
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(DiscordSigned(list.ToJsonString(), key), Ct)).StatusCode);

        // Signed but malformed: the processor throws inside, logs it, and answers a sentence.
        var malformed = Interaction(2, null).Set("data", "not an object");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(DiscordSigned(malformed.ToJsonString(), key), Ct)).StatusCode);
        await WaitIdleAsync(service);
    }

    private static async Task DriveGitHubAsync(LoggedService service, HttpClient http, FakeGitHubApi github)
    {
        const string Repo = "collab-demo/calo-showers";
        // GitHub's example deliveries (octokit/webhooks; Fixtures/github/, see the GitHub tests' Fixtures/README.md), for the tracked repository.
        var ping = Fixture.Json("github/ping/payload.json", ("Octocoders/Hello-World", Repo)).Set("repository.name", "calo-showers").ToJsonString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(GitHubSigned("ping", ping, "d-0", secret: null), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(GitHubSigned("ping", ping, "d-1", "another-secret"), Ct)).StatusCode);
        var pinged = await http.SendAsync(GitHubSigned("ping", ping, "d-2", WebhookSecret), Ct);
        Assert.True(pinged.IsSuccessStatusCode, $"{(int)pinged.StatusCode} {await pinged.Content.ReadAsStringAsync(Ct)}");
        var opened = Fixture.Json("github/issues/opened.payload.json", ("Codertocat/Hello-World", Repo))
            .Set("repository.name", "calo-showers")
            .Set("issue.number", 7)
            .Set("issue.title", "Layer 3 energies look off")
            .Set("issue.html_url", $"https://github.com/{Repo}/issues/7")
            .Set("issue.labels[0].name", "calo-showers")
            .Set("issue.labels[0].url", $"https://api.github.com/repos/{Repo}/labels/calo-showers")
            .ToJsonString();
        var delivered = await http.SendAsync(GitHubSigned("issues", opened, "d-3", WebhookSecret), Ct);
        Assert.True(delivered.IsSuccessStatusCode, $"{(int)delivered.StatusCode} {await delivered.Content.ReadAsStringAsync(Ct)}");

        // Reads through Octokit: refused (401), failing (500, retried), then working; and a polling round.
        github.FailNext(401, "Bad credentials");
        await SayAsync(service, "console:amara", "/dataset issues calo-showers");
        github.FailNext(500, "Server Error");
        github.FailNext(500, "Server Error");
        github.FailNext(500, "Server Error");
        await SayAsync(service, "console:amara", "/dataset issues calo-showers");
        await SayAsync(service, "console:amara", "/dataset issue calo-showers \"Layer 3 energies look off\" --body \"See the plot.\"");
        await service.Services.GetRequiredService<IssuePolling>().PollAsync(Ct);
    }

    private static async Task DriveOutboxAsync(LoggedService service, FakeChatApis chat)
    {
        // An announcement to calorimetry's Slack and Discord channels: Slack fails once then refuses the token for good;
        // Discord refuses the token. The mention's answer and the GitHub post are in the outbox too.
        chat.Script(FakeChatApis.SlackPost, "500", "invalid_auth", "invalid_auth", "invalid_auth");
        chat.Script(FakeChatApis.DiscordPost, "401");
        await SayAsync(service, "console:amara", "/meeting schedule calorimetry \"Detector meeting\" --when \"weekly on thu 16:00\"");
        var delivery = service.Services.GetRequiredService<OutboxDelivery>();
        await delivery.DeliverDueAsync(Ct);
        await WaitForAsync(service, db => db.OutboundMessages.AnyAsync(m => m.Status == OutboundStatus.Failed, Ct), "an outbox message to be given up");
    }

    private static async Task DrivePagesAsync(HttpClient http)
    {
        foreach (var path in new[] { "/", "/wg/calorimetry", "/meetings", "/datasets", "/datasets/calo-showers", "/healthz", "/readyz", "/metrics", "/api/v1/groups", "/console", "/calendar.ics" })
        {
            var response = await http.GetAsync(path, Ct);
            Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
        }
    }

    private static async Task DriveUnreachableAsync(LoggedService service, HttpClient http, FakeChatApis chat, List<string> responseUrls)
    {
        var url = chat.NewResponseUrl();
        responseUrls.Add(url);
        await SlackCommandAsync(http, "/collab", "whoami", url);
        await SayAsync(service, "console:amara", "/meeting cancel calorimetry/detector-meeting --date 2026-12-03");
        await SayAsync(service, "console:amara", "/dataset issues calo-showers");
        for (var i = 0; i < 6; i++)
        {
            await service.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);
            await SayAsync(service, "console:amara", "/dataset issues calo-showers");
        }

        await WaitIdleAsync(service);
    }

    private static async Task SlackCommandAsync(HttpClient http, string command, string text, string responseUrl)
    {
        // Slack's documented slash command (Fixtures/slack/commands/weather.form) from Amara in #calorimetry.
        var form = Fixture.Form(
            "slack/commands/weather.form",
            ("team_id", Team),
            ("channel_id", SlackChannel),
            ("user_id", Amara),
            ("user_name", "amara"),
            ("command", command),
            ("text", text),
            ("response_url", responseUrl));
        var response = await http.SendAsync(SlackSigned("/slack/commands", form), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task SayAsync(LoggedService service, string identity, string line) =>
        await service.Services.GetRequiredService<Dispatcher>().DispatchTextAsync(Platform.Console, "local", null, new Caller(identity), line, Ct);

    private static async Task WaitIdleAsync(LoggedService service) =>
        await service.Services.GetRequiredService<Core.AcknowledgeThenFinish>().Background.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30), Ct);

    private static async Task WaitForAsync(LoggedService service, Func<CollabBotDbContext, Task<bool>> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            await using (var scope = service.Services.CreateAsyncScope())
            {
                if (await condition(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>()))
                {
                    return;
                }
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"timed out waiting for {what}");
            await service.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);
            await Task.Delay(250, Ct);
        }
    }

    private static HttpRequestMessage SlackSigned(string path, string body, string secret = SigningSecret, DateTimeOffset? at = null, string contentType = "application/x-www-form-urlencoded")
    {
        var timestamp = (at ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private static HttpRequestMessage DiscordSigned(string body, Key key, string? timestamp = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (timestamp is not null)
        {
            var ts = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add("X-Signature-Timestamp", ts);
            request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(ts + body))));
        }

        return request;
    }

    private static HttpRequestMessage GitHubSigned(string @event, string body, string delivery, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/github/webhooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", @event);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-GitHub-Hook-ID", "1");
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        if (secret is not null)
        {
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(secret, Encoding.UTF8.GetBytes(body)));
        }

        return request;
    }

    /// <summary>Everything a log record carries: category, message, exception with its inner ones, structured values, scopes.</summary>
    private static string Render(FakeLogRecord r) => string.Join(
        " | ",
        new[] { r.Category ?? "", r.Level.ToString(), r.Message, r.Exception?.ToString() ?? "" }
            .Concat(r.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])
            .Concat(r.Scopes.Select(s => s?.ToString() ?? "")));

    /// <summary>The service on its own database; PostgreSQL (with a role and password of its own) when the suite runs there.</summary>
    private sealed class Database : IAsyncDisposable
    {
        private readonly string? role;
        private readonly string? sqliteDirectory;

        private Database(string provider, string connectionString, string? password, string? role, string? sqliteDirectory)
        {
            Provider = provider;
            ConnectionString = connectionString;
            Password = password;
            this.role = role;
            this.sqliteDirectory = sqliteDirectory;
        }

        public string Provider { get; }

        public string ConnectionString { get; }

        public string? Password { get; }

        public static async Task<Database> CreateAsync()
        {
            if (!TestPostgres.Enabled)
            {
                var directory = Directory.CreateTempSubdirectory("collabbot-secrets-").FullName;
                return new Database("Sqlite", $"Data Source={Path.Combine(directory, "collabbot.db")}", null, null, directory);
            }

            var database = await TestPostgres.CreateAsync(Ct);
            var role = "collabbot_secret_" + Guid.NewGuid().ToString("N")[..12];
            var password = "pg-secret-" + Guid.NewGuid().ToString("N");
            var name = new NpgsqlConnectionStringBuilder(database).Database;
            await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestPostgres.Server) { Database = "postgres", Pooling = false }.ConnectionString))
            {
                await admin.OpenAsync(Ct);
                await using var create = new NpgsqlCommand($"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'; ALTER DATABASE \"{name}\" OWNER TO \"{role}\";", admin);
                await create.ExecuteNonQueryAsync(Ct);
            }

            var connection = new NpgsqlConnectionStringBuilder(database) { Username = role, Password = password }.ConnectionString;
            return new Database("Postgres", connection, password, role, null);
        }

        public async ValueTask DisposeAsync()
        {
            if (sqliteDirectory is not null)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(sqliteDirectory, recursive: true);
                return;
            }

            await TestPostgres.DropAsync(ConnectionString);
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestPostgres.Server) { Database = "postgres", Pooling = false }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{role}\"", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The real host, every log category at Trace into <paramref name="logs"/>, platform calls quick to give up.</summary>
    private sealed class LoggedService(IReadOnlyDictionary<string, string?> settings, FakeLogCollector logs) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Not Development: no user secrets from this machine.
            builder.UseEnvironment("Testing");
            foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System", "Polly", "Npgsql" })
            {
                builder.UseSetting($"Logging:LogLevel:{category}", "Trace");
            }

            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddProvider(new FakeLoggerProvider(logs));
            });
            builder.ConfigureTestServices(services =>
            {
                services.AddDataProtection().UseEphemeralDataProtectionProvider();
                foreach (var client in new[] { SlackApiClient.HttpClientName, DiscordRestClient.HttpClientName, OctokitGitHubIssues.HttpClientName })
                {
                    services.Configure<PlatformHttpOptions>(client, o => o.TransientDelay = TimeSpan.FromMilliseconds(50));
                }
            });
        }
    }
}
