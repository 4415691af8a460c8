using System.Net;
using System.Net.Http.Headers;
using CollabBot.Tests.Shared;

namespace CollabBot.Discord.Tests;

/// <summary>
/// <c>POST /discord/interactions</c> with a body far larger than any interaction: refused with 413 after reading at
/// most the limit, whether or not its size was declared, and before the signature is even looked at.
/// </summary>
public sealed class OversizedInteractionTests(SignedServiceFixture fixture) : IClassFixture<SignedServiceFixture>
{
    /// <summary>DiscordEndpoints' limit; interactions are a few kilobytes.</summary>
    private const int Limit = 512 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Interaction_EndlessUnsignedBody_Is413AfterAtMostTheLimit()
    {
        var body = new EndlessBody(1L << 32);
        using var request = Request(new StreamContent(body));
        using var client = fixture.Service.StreamingClient();

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // The test server pipes the body through a buffer of its own, so allow for that, but not for the 4 GiB.
        Assert.True(body.BytesRead < Limit + (1024 * 1024), $"{body.BytesRead} bytes were read of a body limited to {Limit}.");
    }

    [Fact]
    public async Task Interaction_28MBBodiesInParallel_AreRefusedWithoutBeingHeld()
    {
        // The review's probe: eight unsigned 28 MB posts at once. Each is cut off at the limit.
        var bodies = Enumerable.Range(0, 8).Select(_ => new EndlessBody(28 * 1000 * 1000)).ToList();
        using var client = fixture.Service.StreamingClient();

        var responses = await Task.WhenAll(bodies.Select(async body =>
        {
            using var request = Request(new StreamContent(body));
            using var response = await client.SendAsync(request, Ct);
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status));
        Assert.All(bodies, body => Assert.True(body.BytesRead < Limit + (1024 * 1024), $"{body.BytesRead} bytes were read."));
    }

    [Fact]
    public async Task Interaction_DeclaredTooLarge_Is413()
    {
        using var request = Request(new ByteArrayContent(new byte[Limit + 1]));

        using var response = await fixture.Service.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static HttpRequestMessage Request(HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = content };
        request.Headers.Add("X-Signature-Timestamp", TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Signature-Ed25519", new string('0', 128));
        return request;
    }
}
