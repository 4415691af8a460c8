using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using CollabBot.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CollabBot.Slack.Tests.Support;

/// <summary>
/// The real service (<c>Program</c>: migrations, first-start seeding, hosted workers) on a SQLite file of its own,
/// with Slack configured against a <see cref="FakeSlack"/>. Requests to <c>/slack/*</c> go through the in-memory
/// test server; everything the service sends to Slack goes over real HTTP and WebSockets to the fake.
/// </summary>
public sealed class SlackService : WebApplicationFactory<Program>
{
    public const string SigningSecret = "test-signing-secret-not-a-real-one";
    public const string BotToken = "xoxb-test-not-a-real-token";
    public const string AppToken = "xapp-test-not-a-real-token";
    public const string Admin = "console:admin";

    private readonly string directory = Directory.CreateTempSubdirectory("collabbot-slack-").FullName;
    private readonly FakeSlack fake;
    private readonly Dictionary<string, string?> settings;
    private readonly TimeProvider? clock;
    private readonly Action<IServiceCollection>? services;

    private SlackService(FakeSlack fake, Dictionary<string, string?> settings, TimeProvider? clock, Action<IServiceCollection>? services)
    {
        this.fake = fake;
        this.settings = settings;
        this.clock = clock;
        this.services = services;
    }

    public FakeSlack Fake => fake;

    /// <summary>
    /// Starts a fake Slack, then the service pointed at it. <paramref name="settings"/> add to or override the defaults
    /// (e.g. <c>["Slack:AppToken"] = AppToken</c> turns Socket Mode on); <paramref name="clock"/> replaces the
    /// service's <see cref="TimeProvider"/>; <paramref name="services"/> changes registrations last (e.g. shorter HTTP
    /// timeouts). Disposing the service stops the fake too.
    /// </summary>
    public static async Task<SlackService> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        var fake = await FakeSlack.StartAsync();
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
            ["Slack:FilesBaseUrl"] = fake.BaseUrl.ToString(),
            ["Bot:Admins:0"] = Admin,
            ["Logging:LogLevel:Default"] = "Warning",

            // The demo seed's meetings would post reminders to the seeded channels in the middle of a test.
            ["Reminders:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var service = new SlackService(fake, all, clock, services);
        try
        {
            _ = service.Server; // start the host now: migrations, seeding, hosted services (Socket Mode)
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    public HttpClient Http => field ??= CreateClient();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs a command line as <paramref name="identity"/> on the console platform, e.g. an admin setting up a group.</summary>
    public async Task<Reply> SayAsync(string identity, string line)
    {
        var reply = await Get<Dispatcher>().DispatchTextAsync(Platform.Console, "local", null, new Caller(identity), line);
        Assert.False(reply.IsError, $"'{line}' as {identity} failed: {reply.Plain}");
        return reply;
    }

    /// <summary>A query on a fresh DbContext.</summary>
    public async Task<T> QueryAsync<T>(Func<CollabBotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>());
    }

    /// <summary>Waits until <paramref name="condition"/> holds in the database, or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<CollabBotDbContext, Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await QueryAsync(condition))
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Posts a body signed exactly as Slack signs it, with the current time (or <paramref name="timestamp"/>).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType = "application/x-www-form-urlencoded", long? timestamp = null, Action<HttpRequestMessage>? tamper = null)
    {
        var request = Signed(path, body, contentType, SigningSecret, timestamp ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        tamper?.Invoke(request);
        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A request with Slack's headers: <c>X-Slack-Request-Timestamp</c> and <c>X-Slack-Signature: v0=hex(HMAC-SHA256)</c>.</summary>
    public static HttpRequestMessage Signed(string path, string body, string contentType, string secret, long timestamp)
    {
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(secret, ts, Encoding.UTF8.GetBytes(body)));
        request.Headers.UserAgent.ParseAdd("Slackbot 1.0 (+https://api.slack.com/robots)");
        return request;
    }

    /// <summary>Sends a signed slash command and returns the HTTP response with its JSON body.</summary>
    public async Task<(HttpResponseMessage Response, JsonObject Json)> CommandAsync(string form)
    {
        var response = await PostSignedAsync("/slack/commands", form);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"/slack/commands answered {(int)response.StatusCode}: {text}");
        return (response, JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"not JSON: {text}"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:CollabBot", $"Data Source={Path.Combine(directory, "collabbot.db")}");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(s =>
        {
            if (clock is not null)
            {
                s.AddSingleton(clock);
            }

            services?.Invoke(s);
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // Hosted services that fail must fail the test, not be swallowed.
        builder.ConfigureServices(s => s.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost));
        return base.CreateHost(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await fake.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platforms: the temp directory is cleaned up by the OS.
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// What Slack sends, from the captured examples under <c>Fixtures/slack/</c> (sources in <c>Fixtures/README.md</c>):
/// each method loads one and changes only the fields a test is about — who, where, which command or button, the
/// response_url the fake serves. Every other field, and the form's own encoding of the untouched values, stays as
/// Slack's documentation and SDKs show it.
/// </summary>
public static class SlackPayloads
{
    /// <summary>A slash command as Slack posts it: the docs' <c>/weather 94070</c> form with these fields replaced.</summary>
    public static string SlashCommand(string user, string command, string text, string responseUrl, string channel = "C0TESTCHAN1", string team = FakeSlack.TeamId, string? userName = null) =>
        Fixture.Form(
            "slack/commands/weather.form",
            ("team_id", team),
            ("channel_id", channel),
            ("user_id", user),
            ("user_name", userName ?? user.ToLowerInvariant()),
            ("command", command),
            ("text", text),
            ("response_url", responseUrl),
            ("api_app_id", FakeSlack.AppId));

    /// <summary>The same command as the payload of a Socket Mode <c>slash_commands</c> envelope (captured by the Java SDK).</summary>
    public static JsonObject SlashCommandJson(string user, string command, string text, string responseUrl, string channel = "C0TESTCHAN1", string team = FakeSlack.TeamId) =>
        Envelope("slash_commands").At("payload").AsObject()
            .Set("team_id", team)
            .Set("channel_id", channel)
            .Set("user_id", user)
            .Set("user_name", user.ToLowerInvariant())
            .Set("command", command)
            .Set("text", text)
            .Set("response_url", responseUrl)
            .Set("api_app_id", FakeSlack.AppId);

    /// <summary>A <c>block_actions</c> payload for one button press (the docs' example; the JSON that goes in the <c>payload</c> field).</summary>
    public static JsonObject BlockActionsJson(string user, string actionId, string value, string responseUrl, string channel = "D0TESTDM01", string team = FakeSlack.TeamId) =>
        Fixture.Json("slack/interactivity/block_actions.json")
            .Set("team.id", team)
            .Set("user.id", user)
            .Set("user.username", user.ToLowerInvariant())
            .Set("user.team_id", team)
            .Set("api_app_id", FakeSlack.AppId)
            .Set("container.channel_id", channel)
            .Set("channel.id", channel)
            .Set("response_url", responseUrl)
            .Set("actions[0].action_id", actionId)
            .Set("actions[0].value", value);

    /// <summary>The form body Slack posts to the interactivity URL: a single <c>payload</c> field holding the JSON.</summary>
    public static string BlockActions(string user, string actionId, string value, string responseUrl, string channel = "D0TESTDM01") =>
        Form(("payload", BlockActionsJson(user, actionId, value, responseUrl, channel).ToJsonString()));

    /// <summary>An Events API <c>event_callback</c> carrying an <c>app_mention</c> (the docs' example envelope).</summary>
    public static JsonObject AppMention(string eventId, string channel, string user, string text) =>
        Fixture.Json("slack/events/app_mention.json")
            .Set("team_id", FakeSlack.TeamId)
            .Set("api_app_id", FakeSlack.AppId)
            .Set("event_id", eventId)
            .Set("event.channel", channel)
            .Set("event.user", user)
            .Set("event.text", text);

    /// <summary>
    /// A file shared with a message: a <c>message</c> event of subtype <c>file_share</c> whose <c>files</c> hold the
    /// file objects (events API, message.channels / message.im), with <c>url_private_download</c> on the file host.
    /// </summary>
    public static JsonObject FileShare(string eventId, string channel, string user, string text, params JsonObject[] files) => new()
    {
        ["token"] = "ZZZZZZWSxiZZZ2yIvs3peJ",
        ["team_id"] = FakeSlack.TeamId,
        ["api_app_id"] = FakeSlack.AppId,
        ["event"] = new JsonObject
        {
            ["type"] = "message",
            ["subtype"] = "file_share",
            ["text"] = text,
            ["files"] = new JsonArray([.. files]),
            ["upload"] = false,
            ["user"] = user,
            ["display_as_bot"] = false,
            ["ts"] = "1733570000.000200",
            ["client_msg_id"] = "0b2c4d6e-8f01-4a3b-9c5d-7e9f1a2b3c4d",
            ["channel"] = channel,
            ["event_ts"] = "1733570000.000200",
            ["channel_type"] = channel.StartsWith('D') ? "im" : "channel",
        },
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1733570000,
        ["event_context"] = "EC0TEST0002",
        ["authorizations"] = new JsonArray(new JsonObject { ["enterprise_id"] = null, ["team_id"] = FakeSlack.TeamId, ["user_id"] = "U0TESTBOT1", ["is_bot"] = true, ["is_enterprise_install"] = false }),
    };

    /// <summary>A Slack file object as <c>files[]</c> carries it; <paramref name="download"/> is its <c>url_private_download</c>.</summary>
    public static JsonObject File(string name, long size, Uri download, string user) => new()
    {
        ["id"] = "F0TESTFILE1",
        ["created"] = 1733570000,
        ["timestamp"] = 1733570000,
        ["name"] = name,
        ["title"] = name,
        ["mimetype"] = "text/csv",
        ["filetype"] = "csv",
        ["pretty_type"] = "CSV",
        ["user"] = user,
        ["user_team"] = FakeSlack.TeamId,
        ["editable"] = false,
        ["size"] = size,
        ["mode"] = "hosted",
        ["is_external"] = false,
        ["external_type"] = "",
        ["is_public"] = true,
        ["public_url_shared"] = false,
        ["display_as_bot"] = false,
        ["username"] = "",
        ["url_private"] = download.ToString().Replace("/download/", "/", StringComparison.Ordinal),
        ["url_private_download"] = download.ToString(),
        ["permalink"] = $"https://demo-collab.slack.com/files/{user}/F0TESTFILE1/{name}",
        ["is_starred"] = false,
        ["has_rich_preview"] = false,
        ["file_access"] = "visible",
    };

    /// <summary>A Socket Mode envelope of this type as Slack sends it (<c>Fixtures/slack/socket-mode/&lt;type&gt;.json</c>).</summary>
    public static JsonObject Envelope(string type) => Fixture.Json($"slack/socket-mode/{type}.json");

    /// <summary>Form encoding as Slack writes it (spaces as <c>+</c>), for bodies Slack never sends (malformed, ssl_check).</summary>
    public static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => $"{WebUtility.UrlEncode(f.Key)}={WebUtility.UrlEncode(f.Value)}"));
}
