using System.Diagnostics;
using CollabBot.Core.Http;
using CollabBot.Core.Replies;
using CollabBot.Slack.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Slack.Tests;

/// <summary>
/// The Slack HTTP client's resilience pipeline (Microsoft.Extensions.Http.Resilience) against the fake Web API: reads
/// are sent again after a transient failure, posts are not (the outbox decides), an attempt that gets no answer times
/// out, and a Slack that keeps failing opens the circuit so calls fail at once until it has had a rest.
/// </summary>
public sealed class SlackResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SlackRenderer.Rendered Message => SlackRenderer.Render(Reply.Message("Hello"), FakeSlack.TeamId);

    [Fact]
    public async Task UsersInfo_Slack503Once_ReadIsSentAgainAndAnswered()
    {
        await using var slack = await SlackService.StartAsync();
        slack.Fake.AddUser(new FakeSlackUser("U0RETRY001", FakeSlack.TeamId, "retry", "Rita Retry"));
        slack.Fake.ScriptNext("users.info", new ScriptedResponse(503, "upstream connect error"));

        var user = await slack.Get<SlackApiClient>().UsersInfoAsync("U0RETRY001", Ct);

        Assert.Equal("Rita Retry", user.RealName);
        Assert.Equal(2, slack.Fake.Calls("users.info").Count);
    }

    [Fact]
    public async Task PostMessage_Slack503_NotSentAgainSinceItMayHaveBeenPosted()
    {
        await using var slack = await SlackService.StartAsync();
        slack.Fake.ScriptNext("chat.postMessage", new ScriptedResponse(503, "upstream connect error"));

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => slack.Get<SlackApiClient>().PostMessageAsync("C0FAIL0001", Message, Ct));

        Assert.Equal("http_503", ex.Error);
        Assert.Single(slack.Fake.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessage_SlackNeverAnswers_AttemptTimesOutAsUnreachable()
    {
        await using var slack = await SlackService.StartAsync(services: s => s.Configure<PlatformHttpOptions>(SlackApiClient.HttpClientName, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300)));
        slack.Fake.ScriptNext("chat.postMessage", ScriptedResponse.Slow(TimeSpan.FromSeconds(30)));
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => slack.Get<SlackApiClient>().PostMessageAsync("C0SLOW0001", Message, Ct));

        Assert.Equal("Slack did not answer in time (0.3 s)", ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {watch.Elapsed.TotalSeconds} s");
        Assert.Single(slack.Fake.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessage_SlackKeepsFailing_CircuitOpensThenClosesAfterItsBreak()
    {
        await using var slack = await SlackService.StartAsync(services: s => s.Configure<PlatformHttpOptions>(SlackApiClient.HttpClientName, o => o.BreakDuration = TimeSpan.FromSeconds(1)));
        var api = slack.Get<SlackApiClient>();
        for (var i = 0; i < 5; i++)
        {
            slack.Fake.ScriptNext("chat.postMessage", new ScriptedResponse(503, "upstream connect error"));
        }

        // Five channels, so the per-channel pacing does not space the calls out.
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<SlackApiException>(() => api.PostMessageAsync($"C0BREAK00{i}", Message, Ct));
        }

        var open = await Assert.ThrowsAsync<HttpRequestException>(() => api.PostMessageAsync("C0BREAK005", Message, Ct));
        Assert.Equal("Slack has been failing; calls are paused for a moment (circuit open)", open.Message);
        Assert.Equal(5, slack.Fake.Calls("chat.postMessage").Count);

        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        var posted = await api.PostMessageAsync("C0BREAK006", Message, Ct);
        Assert.True(posted["ok"]!.GetValue<bool>());
        Assert.Equal(6, slack.Fake.Calls("chat.postMessage").Count);
    }

    [Fact]
    public async Task RateLimitedMethod_OtherCallsOfItWaitOutTheRetryAfterToo()
    {
        await using var slack = await SlackService.StartAsync();
        var api = slack.Get<SlackApiClient>();
        slack.Fake.ScriptNext("chat.postMessage", ScriptedResponse.RateLimited(1));

        var limited = api.PostMessageAsync("C0LIMIT001", Message, Ct);
        await slack.Fake.WaitForAsync(r => r.Any(c => c.Method == "chat.postMessage"), what: "the first post");
        await Task.Delay(250, Ct); // the 429 reaches the client
        var other = api.PostMessageAsync("C0LIMIT002", Message, Ct);
        await Task.WhenAll(limited, other);

        var posts = slack.Fake.Calls("chat.postMessage");
        Assert.Equal(3, posts.Count);
        Assert.Equal("C0LIMIT001", posts[0].Channel);
        Assert.Equal(["C0LIMIT001", "C0LIMIT002"], posts.Skip(1).Select(p => p.Channel).Order());
        Assert.All(posts.Skip(1), p => Assert.True(p.At - posts[0].At >= TimeSpan.FromMilliseconds(950), $"{p.Channel} was sent {(p.At - posts[0].At).TotalMilliseconds} ms after the 429"));
    }
}
