using System.Net;
using System.Text;
using CollabBot.Slack.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Slack.Tests;

/// <summary>
/// Slack's own worked example from "Verifying requests from Slack" (platform-protocols.md §0.1), also used by the
/// official Python and Java SDK tests. Its timestamp is years old, so it only passes with a clock set to it.
/// </summary>
public sealed class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private const string Body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
        "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=" +
        "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN" +
        "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static readonly DateTimeOffset ThatMoment = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    private static byte[] BodyBytes => Encoding.UTF8.GetBytes(Body);

    [Fact]
    public void Compute_SlackWorkedExample_GivesDocumentedSignature() =>
        Assert.Equal(Expected, SlackSignature.Compute(Secret, Timestamp, BodyBytes));

    [Fact]
    public void Verify_SlackWorkedExampleAtItsTime_Passes() =>
        Assert.True(SlackSignature.Verify(Secret, Timestamp, Expected, BodyBytes, ThatMoment));

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void Verify_ClockWithinFiveMinutes_Passes(int seconds) =>
        Assert.True(SlackSignature.Verify(Secret, Timestamp, Expected, BodyBytes, ThatMoment.AddSeconds(seconds)));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Verify_ClockMoreThanFiveMinutesAway_Fails(int seconds) =>
        Assert.False(SlackSignature.Verify(Secret, Timestamp, Expected, BodyBytes, ThatMoment.AddSeconds(seconds)));

    [Fact]
    public void Verify_SlackWorkedExampleWithRealClock_FailsAsStale() =>
        Assert.False(SlackSignature.Verify(Secret, Timestamp, Expected, BodyBytes, TimeProvider.System.GetUtcNow()));

    [Fact]
    public void Verify_OneBodyByteChanged_Fails()
    {
        var body = BodyBytes;
        body[Array.IndexOf(body, (byte)'U')] = (byte)'V'; // user_id=U2CERLKJA → V2CERLKJA
        Assert.False(SlackSignature.Verify(Secret, Timestamp, Expected, body, ThatMoment));
    }

    [Theory]
    [InlineData(null, Timestamp, Expected)]
    [InlineData("", Timestamp, Expected)]
    [InlineData(Secret, null, Expected)]
    [InlineData(Secret, "", Expected)]
    [InlineData(Secret, "1531420618.0", Expected)]
    [InlineData(Secret, Timestamp, null)]
    [InlineData(Secret, Timestamp, "")]
    [InlineData(Secret, Timestamp, "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData(Secret, Timestamp, "v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503")]
    [InlineData(Secret, Timestamp, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50")]
    [InlineData("8f742231b10e8888abcd99yyyzzz85a6", Timestamp, Expected)]
    public void Verify_MissingOrAlteredPart_Fails(string? secret, string? timestamp, string? signature) =>
        Assert.False(SlackSignature.Verify(secret, timestamp, signature, BodyBytes, ThatMoment));

    [Fact]
    public async Task CommandsEndpoint_SlackWorkedExampleWithInjectedClock_IsAccepted()
    {
        await using var slack = await SlackService.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = Secret }, new FakeTimeProvider(ThatMoment));

        using var response = await slack.Http.SendAsync(Exact(Body), TestContext.Current.CancellationToken);

        // Verified and run: /webhook-collect is not one of ours, and the reply says so instead of refusing the request.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"response_type\":\"ephemeral\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandsEndpoint_SlackWorkedExampleWithRealClock_Is401()
    {
        await using var slack = await SlackService.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = Secret });

        using var response = await slack.Http.SendAsync(Exact(Body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(slack.Fake.Calls("users.info"));
    }

    [Fact]
    public async Task CommandsEndpoint_SlackWorkedExampleWithOneByteChanged_Is401()
    {
        await using var slack = await SlackService.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = Secret }, new FakeTimeProvider(ThatMoment));

        using var response = await slack.Http.SendAsync(Exact(Body.Replace("text=&", "text=x&", StringComparison.Ordinal)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(slack.Fake.Calls("users.info"));
    }

    /// <summary>The documented request byte for byte, with the documented headers.</summary>
    private static HttpRequestMessage Exact(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", Timestamp);
        request.Headers.Add("X-Slack-Signature", Expected);
        return request;
    }
}
