using System.Net;
using System.Net.Http.Headers;
using CollabBot.Slack.Tests.Support;
using CollabBot.Tests.Shared;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>
/// Bodies Slack never sends, on the real service: forms past the form reader's limits (signed, so they get past the
/// signature) answer 400 with the reason, and a body past the size limit is refused after reading at most that much.
/// </summary>
public sealed class FormLimitTests : IAsyncLifetime
{
    private SlackService slack = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => slack = await SlackService.StartAsync();

    public async ValueTask DisposeAsync() => await slack.DisposeAsync();

    public static TheoryData<string, string> Endpoints => new()
    {
        { "/slack/commands", "1,100 fields" },
        { "/slack/commands", "a 3,000-character key" },
        { "/slack/interactions", "1,100 fields" },
        { "/slack/interactions", "a 3,000-character key" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task SignedForm_PastTheFormReadersLimits_Is400WithTheReason(string path, string shape)
    {
        var command = SlackPayloads.SlashCommand(Amara, "/wg", "list", slack.Fake.NewResponseUrl());
        var extra = shape == "1,100 fields"
            ? string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=v"))
            : new string('k', 3000) + "=v";

        using var response = await slack.PostSignedAsync(path, command + "&" + extra);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form could not be read", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedForm_WithinTheLimits_StillRuns()
    {
        // The control case: the same command with a few extra fields is answered as usual.
        var command = SlackPayloads.SlashCommand(Amara, "/wg", "list", slack.Fake.NewResponseUrl());

        var (response, json) = await slack.CommandAsync(command + "&" + string.Join('&', Enumerable.Range(0, 50).Select(i => $"f{i}=v")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("calorimetry", json["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    [InlineData("/slack/events")]
    public async Task Body_EndlessAndUnsigned_Is413AfterAtMostTheLimit(string path)
    {
        const int limit = 256 * 1024;
        var body = new EndlessBody(1L << 32);
        using var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };

        // Straight to the test server: the factory's default client copies a request body into memory before sending it.
        using var client = slack.Server.CreateClient();

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(body.BytesRead < limit + (1024 * 1024), $"{body.BytesRead} bytes were read of a body limited to {limit}.");
    }
}
