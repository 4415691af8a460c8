using System.Net;
using System.Text.Json.Nodes;
using CollabBot.Core.Domain;
using CollabBot.Slack.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary><c>POST /slack/commands</c> on the real service: verification, visibility, early acknowledgement and names.</summary>
public sealed class SlashCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Command_ValidSignedWgList_AnswersEphemeralBlockKitListingGroups()
    {
        await using var slack = await SlackService.StartAsync();

        var (response, json) = await slack.CommandAsync(SlackPayloads.SlashCommand(Amara, "/wg", "list", slack.Fake.NewResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ephemeral", json["response_type"]?.GetValue<string>());
        Assert.Contains("calorimetry", json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var blocks = Assert.IsType<JsonArray>(json["blocks"]);
        Assert.Contains(blocks, b => b?["type"]?.GetValue<string>() == "section" && b["text"]!["text"]!.GetValue<string>().Contains("*calorimetry*", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Command_WgListPublic_AnswersInChannel()
    {
        await using var slack = await SlackService.StartAsync();

        var (_, json) = await slack.CommandAsync(SlackPayloads.SlashCommand(Amara, "/wg", "list --public", slack.Fake.NewResponseUrl()));

        Assert.Equal("in_channel", json["response_type"]?.GetValue<string>());
        Assert.Contains("calorimetry", json["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_LongWgList_BlocksHoldEveryGroupTextRepeatsWholeLinesUpToTheFallbackLimit_Utf8Unescaped()
    {
        await using var slack = await SlackService.StartAsync();
        await slack.QueryAsync(async db =>
        {
            for (var i = 1; i <= 80; i++)
            {
                db.Groups.Add(new WorkingGroup { Slug = $"zz-group-{i:000}", Name = $"Señal & <ruido> {i}", TimeZone = "UTC", CreatedAt = DateTimeOffset.UtcNow });
            }

            return await db.SaveChangesAsync(Ct);
        });

        var response = await slack.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommand(Amara, "/wg", "list", slack.Fake.NewResponseUrl()));
        var body = await response.Content.ReadAsStringAsync(Ct);
        var json = Assert.IsType<JsonObject>(JsonNode.Parse(body));

        // Every group is in the blocks, the message Slack shows.
        var shown = string.Join('\n', json["blocks"]!.AsArray().Where(b => b?["type"]?.GetValue<string>() == "section").Select(b => b!["text"]!["text"]!.GetValue<string>()));
        Assert.All(Enumerable.Range(1, 80), i => Assert.Contains($"*zz-group-{i:000}* — Señal &amp; &lt;ruido&gt; {i}", shown, StringComparison.Ordinal));

        // The notification text repeats whole lines of it, up to the limit, and says it goes on.
        var text = json["text"]!.GetValue<string>();
        Assert.InRange(text.Length, 1000, SlackRenderer.MaxFallback);
        Assert.EndsWith("\n…", text, StringComparison.Ordinal);
        var lines = text.Split('\n')[..^1];
        Assert.Equal("Working groups", lines[0]);
        Assert.All(lines[1..], line => Assert.Contains(line, shown, StringComparison.Ordinal));
        Assert.DoesNotContain("zz-group-080", text, StringComparison.Ordinal);

        // Written as UTF-8 without escaping letters or Slack's markup: only what JSON needs is escaped.
        Assert.Contains("Señal &amp; &lt;ruido&gt;", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00F1", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\\u0026", body, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string> Unverifiable => ["wrong signature", "missing signature", "missing timestamp", "stale timestamp", "future timestamp", "signed with another secret"];

    [Theory]
    [MemberData(nameof(Unverifiable))]
    public async Task Command_Unverifiable_Is401AndNothingProcessed(string problem)
    {
        await using var slack = await SlackService.StartAsync();
        const string newcomer = "U0NEWCOMER1";
        slack.Fake.AddUser(new FakeSlackUser(newcomer, FakeSlack.TeamId, "newcomer", "Nia Newcomer"));
        var body = SlackPayloads.SlashCommand(newcomer, "/wg", "join calorimetry", slack.Fake.NewResponseUrl());
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        using var response = problem switch
        {
            "wrong signature" => await slack.PostSignedAsync("/slack/commands", body, tamper: r => Replace(r, "X-Slack-Signature", "v0=" + new string('0', 64))),
            "missing signature" => await slack.PostSignedAsync("/slack/commands", body, tamper: r => r.Headers.Remove("X-Slack-Signature")),
            "missing timestamp" => await slack.PostSignedAsync("/slack/commands", body, tamper: r => r.Headers.Remove("X-Slack-Request-Timestamp")),
            "stale timestamp" => await slack.PostSignedAsync("/slack/commands", body, timestamp: now - 301),
            "future timestamp" => await slack.PostSignedAsync("/slack/commands", body, timestamp: now + 400), // well clear of the window even if the machine is slow
            "signed with another secret" => await slack.Http.SendAsync(SlackService.Signed("/slack/commands", body, "application/x-www-form-urlencoded", "another-secret", now), Ct),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await slack.QueryAsync(db => db.Identities.AnyAsync(i => i.Key == $"slack:{FakeSlack.TeamId}:{newcomer}", Ct)), "an identity was created");
        Assert.False(await slack.QueryAsync(db => db.People.AnyAsync(p => p.DisplayName == "Nia Newcomer" || p.DisplayName == newcomer, Ct)), "a person was created");
        Assert.Empty(slack.Fake.Requests);
    }

    [Fact]
    public async Task Command_StaleButOtherwiseCorrect_SameBodyFreshlySignedIsAccepted()
    {
        // The 401 above is about the timestamp alone: the same body signed now is run.
        await using var slack = await SlackService.StartAsync();
        var body = SlackPayloads.SlashCommand(Amara, "/wg", "list", slack.Fake.NewResponseUrl());

        using var stale = await slack.PostSignedAsync("/slack/commands", body, timestamp: TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 600);
        using var fresh = await slack.PostSignedAsync("/slack/commands", body);

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Command_SslCheck_Is200()
    {
        await using var slack = await SlackService.StartAsync();

        using var response = await slack.PostSignedAsync("/slack/commands", SlackPayloads.Form(("ssl_check", "1"), ("token", "gIkuvaNzQIHg97ATvDxqgjtO")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(slack.Fake.Requests);
    }

    [Fact]
    public async Task Command_SignedButMissingFields_AnswersWithSentenceNot500()
    {
        await using var slack = await SlackService.StartAsync();

        var (_, json) = await slack.CommandAsync(SlackPayloads.Form(("team_id", FakeSlack.TeamId), ("text", "list")));

        Assert.Equal("ephemeral", json["response_type"]?.GetValue<string>());
        Assert.Contains("missing", json["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_SlowerThanInlineBudget_AcksWorkingOnItAndFinishesViaResponseUrl()
    {
        await using var slack = await SlackService.StartAsync(new Dictionary<string, string?> { ["Slack:InlineReplyBudget"] = "00:00:00.001" });
        const string slow = "U0SLOWPOKE1";
        slack.Fake.AddUser(new FakeSlackUser(slow, FakeSlack.TeamId, "slowpoke", "Sam Slowpoke"));
        // Slack itself is slow today: the first users.info takes longer than the whole inline budget.
        slack.Fake.ScriptNext("users.info", ScriptedResponse.Slow(TimeSpan.FromMilliseconds(200)));
        var responseUrl = slack.Fake.NewResponseUrl();

        var (response, ack) = await slack.CommandAsync(SlackPayloads.SlashCommand(slow, "/wg", "list", responseUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ephemeral", ack["response_type"]?.GetValue<string>());
        Assert.Equal(SlackCommandProcessor.WorkingOnIt, ack["text"]?.GetValue<string>());
        Assert.Null(ack["blocks"]);

        await slack.Get<SlackCommandProcessor>().Background.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var post = Assert.Single(slack.Fake.ResponseUrlPosts(responseUrl));
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        Assert.Equal("ephemeral", post.Json["response_type"]?.GetValue<string>());
        Assert.Contains("calorimetry", post.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(Assert.IsType<JsonArray>(post.Json["blocks"]));
        Assert.Null(post.Json["replace_original"]);
    }

    [Fact]
    public async Task Command_FirstFromUser_LooksUpRealNameOnceAndCreatesPersonWithIt()
    {
        // A clock that stands still: on a loaded machine the 800 ms name-lookup budget cannot run out before the fake answers.
        await using var slack = await SlackService.StartAsync(clock: new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        const string newcomer = "U0ZANELE01";
        slack.Fake.AddUser(new FakeSlackUser(newcomer, FakeSlack.TeamId, "zd", "Zanele Dlamini", "Zanele", "Dlamini", "Africa/Johannesburg"));

        await slack.CommandAsync(SlackPayloads.SlashCommand(newcomer, "/wg", "list", slack.Fake.NewResponseUrl(), userName: "zd"));
        await slack.CommandAsync(SlackPayloads.SlashCommand(newcomer, "/collab", "whoami", slack.Fake.NewResponseUrl(), userName: "zd"));

        var lookup = Assert.Single(slack.Fake.Calls("users.info"));
        Assert.Equal($"Bearer {SlackService.BotToken}", lookup.Authorization);
        Assert.Equal(newcomer, lookup.Form["user"].ToString());
        var person = await slack.QueryAsync(db => db.Identities.Where(i => i.Key == $"slack:{FakeSlack.TeamId}:{newcomer}").Select(i => i.Person).SingleAsync(Ct));
        Assert.Equal("Zanele Dlamini", person.DisplayName);
        Assert.Equal("Zanele", person.GivenName);
        Assert.Equal("Dlamini", person.FamilyName);
        Assert.Equal("Africa/Johannesburg", person.TimeZone);
    }

    [Fact]
    public async Task Command_UsersInfoAnswersNotJson_CommandStillAnsweredAndNameFetchedNextTime()
    {
        await using var slack = await SlackService.StartAsync(clock: new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        const string newcomer = "U0BADPROXY1";
        slack.Fake.AddUser(new FakeSlackUser(newcomer, FakeSlack.TeamId, "bp", "Bea Proxy"));
        // A proxy or an outage page in front of Slack: HTTP 200, but not Slack's JSON.
        slack.Fake.ScriptNext("users.info", new ScriptedResponse(200, "<html><body>Service Unavailable</body></html>"));

        var (_, first) = await slack.CommandAsync(SlackPayloads.SlashCommand(newcomer, "/wg", "list", slack.Fake.NewResponseUrl()));
        var (_, second) = await slack.CommandAsync(SlackPayloads.SlashCommand(newcomer, "/collab", "whoami", slack.Fake.NewResponseUrl()));

        Assert.Contains("calorimetry", first["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(second["text"]);
        Assert.Equal(2, slack.Fake.Calls("users.info").Count); // the failure was not remembered
    }

    private static void Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.Add(header, value);
    }
}
