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
    private const string SlackBotToken = "xoxb-5550001-5550002-SECRETslackBOTtoken";
    private const string SlackAppToken = "xapp-1-A0SECRET-5550003-SECRETslackAPPtoken";
    private const string DiscordBotToken = "MTEwMDAwMDAwMDAwMDAwMDAw.SECRET.discord-bot-token-value";
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

        // A button press.
        var press = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = Amara, ["username"] = "amara", ["team_id"] = Team },
            ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "demo" },
            ["channel"] = new JsonObject { ["id"] = SlackChannel, ["name"] = "wg-calorimetry" },
            ["response_url"] = Url(),
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "collab_whoami", ["value"] = "/collab whoami", ["type"] = "button" }),
        };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(SlackSigned("/slack/interactions", "payload=" + Uri.EscapeDataString(press.ToJsonString())), Ct)).StatusCode);

        // Events: the URL check, a mention (answered through the outbox), and a body that is not JSON.
        var challenge = await http.SendAsync(SlackSigned("/slack/events", """{"token":"x","challenge":"c-123","type":"url_verification"}""", contentType: "application/json"), Ct);
        Assert.Contains("c-123", await challenge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var mention = new JsonObject
        {
            ["team_id"] = Team,
            ["api_app_id"] = "A0TESTAPP1",
            ["type"] = "event_callback",
            ["event_id"] = "Ev0SECRETS01",
            ["event_time"] = 1515449522,
            ["event"] = new JsonObject { ["type"] = "app_mention", ["user"] = Amara, ["text"] = "<@U0BOT> hello", ["ts"] = "1515449522.000016", ["channel"] = SlackChannel, ["event_ts"] = "1515449522.000016" },
        };
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
            return new JsonObject
            {
                ["id"] = "1250000000000000" + interactionTokens.Count.ToString("D3", CultureInfo.InvariantCulture),
                ["application_id"] = ApplicationId,
                ["type"] = type,
                ["token"] = token,
                ["version"] = 1,
                ["guild_id"] = Guild,
                ["channel_id"] = DiscordChannel,
                ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "100000000000000101", ["username"] = "jonas", ["global_name"] = "Jonas" }, ["roles"] = new JsonArray(), ["permissions"] = "0" },
                ["data"] = data,
            };
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
        var malformed = Interaction(2, null);
        malformed["data"] = "not an object";
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(DiscordSigned(malformed.ToJsonString(), key), Ct)).StatusCode);
        await WaitIdleAsync(service);
    }

    private static async Task DriveGitHubAsync(LoggedService service, HttpClient http, FakeGitHubApi github)
    {
        const string Api = "https://api.github.com/repos/collab-demo/calo-showers";
        var ping = new JsonObject
        {
            ["zen"] = "Design for failure.",
            ["hook_id"] = 30,
            ["hook"] = new JsonObject
            {
                ["type"] = "Repository",
                ["id"] = 30,
                ["name"] = "web",
                ["active"] = true,
                ["events"] = new JsonArray("issues"),
                ["config"] = new JsonObject { ["content_type"] = "json", ["insecure_ssl"] = "0", ["url"] = "https://collab.example.org/github/webhooks" },
                ["updated_at"] = "2026-11-25T09:00:00Z",
                ["created_at"] = "2026-11-25T09:00:00Z",
                ["url"] = Api + "/hooks/30",
                ["test_url"] = Api + "/hooks/30/test",
                ["ping_url"] = Api + "/hooks/30/pings",
                ["deliveries_url"] = Api + "/hooks/30/deliveries",
                ["last_response"] = new JsonObject { ["code"] = null, ["status"] = "unused", ["message"] = null },
            },
            ["repository"] = Repository(),
            ["sender"] = User("octocat"),
        }.ToJsonString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(GitHubSigned("ping", ping, "d-0", secret: null), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(GitHubSigned("ping", ping, "d-1", "another-secret"), Ct)).StatusCode);
        var pinged = await http.SendAsync(GitHubSigned("ping", ping, "d-2", WebhookSecret), Ct);
        Assert.True(pinged.IsSuccessStatusCode, $"{(int)pinged.StatusCode} {await pinged.Content.ReadAsStringAsync(Ct)}");
        var opened = new JsonObject
        {
            ["action"] = "opened",
            ["issue"] = new JsonObject
            {
                ["url"] = Api + "/issues/7",
                ["repository_url"] = Api,
                ["labels_url"] = Api + "/issues/7/labels{/name}",
                ["comments_url"] = Api + "/issues/7/comments",
                ["events_url"] = Api + "/issues/7/events",
                ["html_url"] = "https://github.com/collab-demo/calo-showers/issues/7",
                ["id"] = 444500048,
                ["node_id"] = "MDU6SXNzdWU0NDQ1MDAwNDg=",
                ["number"] = 7,
                ["title"] = "Layer 3 energies look off",
                ["user"] = User("octocat"),
                ["labels"] = new JsonArray(new JsonObject { ["id"] = 1362934389, ["node_id"] = "MDU6TGFiZWwxMzYyOTM0Mzg5", ["url"] = Api + "/labels/calo-showers", ["name"] = "calo-showers", ["color"] = "ededed", ["default"] = false, ["description"] = null }),
                ["state"] = "open",
                ["locked"] = false,
                ["assignee"] = null,
                ["assignees"] = new JsonArray(),
                ["milestone"] = null,
                ["comments"] = 0,
                ["created_at"] = "2026-11-25T10:00:00Z",
                ["updated_at"] = "2026-11-25T10:00:00Z",
                ["closed_at"] = null,
                ["author_association"] = "OWNER",
                ["active_lock_reason"] = null,
                ["body"] = "See the plot.",
                ["reactions"] = new JsonObject { ["url"] = Api + "/issues/7/reactions", ["total_count"] = 0, ["+1"] = 0, ["-1"] = 0, ["laugh"] = 0, ["hooray"] = 0, ["confused"] = 0, ["heart"] = 0, ["rocket"] = 0, ["eyes"] = 0 },
                ["timeline_url"] = Api + "/issues/7/timeline",
                ["performed_via_github_app"] = null,
                ["state_reason"] = null,
            },
            ["repository"] = Repository(),
            ["sender"] = User("octocat"),
        }.ToJsonString();
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
        var form = string.Join('&', new (string, string)[]
        {
            ("token", "gIkuvaNzQIHg97ATvDxqgjtO"), ("team_id", Team), ("team_domain", "demo"), ("channel_id", SlackChannel),
            ("channel_name", "wg-calorimetry"), ("user_id", Amara), ("user_name", "amara"), ("command", command), ("text", text),
            ("api_app_id", "A0TESTAPP1"), ("response_url", responseUrl), ("trigger_id", "13345224609.738474920.8088930838d88f008e0"),
        }.Select(f => $"{WebUtility.UrlEncode(f.Item1)}={WebUtility.UrlEncode(f.Item2)}"));
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

    /// <summary>A repository as webhook payloads carry it (GitHub's webhook-events-and-payloads reference).</summary>
    private static JsonObject Repository()
    {
        const string Api = "https://api.github.com/repos/collab-demo/calo-showers";
        var repo = new JsonObject
        {
            ["id"] = 186853002,
            ["node_id"] = "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=",
            ["name"] = "calo-showers",
            ["full_name"] = "collab-demo/calo-showers",
            ["private"] = false,
            ["owner"] = User("collab-demo"),
            ["html_url"] = "https://github.com/collab-demo/calo-showers",
            ["description"] = null,
            ["fork"] = false,
            ["url"] = Api,
            ["created_at"] = "2019-05-15T15:19:25Z",
            ["updated_at"] = "2019-05-15T15:21:03Z",
            ["pushed_at"] = "2019-05-15T15:20:57Z",
            ["git_url"] = "git://github.com/collab-demo/calo-showers.git",
            ["ssh_url"] = "git@github.com:collab-demo/calo-showers.git",
            ["clone_url"] = "https://github.com/collab-demo/calo-showers.git",
            ["svn_url"] = "https://github.com/collab-demo/calo-showers",
            ["homepage"] = null,
            ["size"] = 0,
            ["stargazers_count"] = 0,
            ["watchers_count"] = 0,
            ["language"] = "Python",
            ["has_issues"] = true,
            ["has_projects"] = true,
            ["has_downloads"] = true,
            ["has_wiki"] = true,
            ["has_pages"] = false,
            ["forks_count"] = 0,
            ["mirror_url"] = null,
            ["archived"] = false,
            ["disabled"] = false,
            ["open_issues_count"] = 1,
            ["license"] = null,
            ["forks"] = 0,
            ["open_issues"] = 1,
            ["watchers"] = 0,
            ["default_branch"] = "main",
        };
        foreach (var key in new[] { "forks", "keys", "collaborators", "teams", "hooks", "issue_events", "events", "assignees", "branches", "tags", "blobs", "git_tags", "git_refs", "trees", "statuses", "languages", "stargazers", "contributors", "subscribers", "subscription", "commits", "git_commits", "comments", "issue_comment", "contents", "compare", "merges", "archive", "downloads", "issues", "pulls", "milestones", "notifications", "labels", "releases", "deployments" })
        {
            repo[key + "_url"] = Api + "/" + key.Replace('_', '/');
        }

        return repo;
    }

    private static JsonObject User(string login) => new()
    {
        ["login"] = login,
        ["id"] = 21031067 + login.Length,
        ["node_id"] = "MDQ6VXNlcjIxMDMxMDY3",
        ["avatar_url"] = "https://avatars1.githubusercontent.com/u/21031067?v=4",
        ["gravatar_id"] = "",
        ["url"] = $"https://api.github.com/users/{login}",
        ["html_url"] = $"https://github.com/{login}",
        ["followers_url"] = $"https://api.github.com/users/{login}/followers",
        ["following_url"] = $"https://api.github.com/users/{login}/following{{/other_user}}",
        ["gists_url"] = $"https://api.github.com/users/{login}/gists{{/gist_id}}",
        ["starred_url"] = $"https://api.github.com/users/{login}/starred{{/owner}}{{/repo}}",
        ["subscriptions_url"] = $"https://api.github.com/users/{login}/subscriptions",
        ["organizations_url"] = $"https://api.github.com/users/{login}/orgs",
        ["repos_url"] = $"https://api.github.com/users/{login}/repos",
        ["events_url"] = $"https://api.github.com/users/{login}/events{{/privacy}}",
        ["received_events_url"] = $"https://api.github.com/users/{login}/received_events",
        ["type"] = "User",
        ["site_admin"] = false,
    };

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
