using System.Net;
using System.Text;
using CollabBot.Discord.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using NSec.Cryptography;

namespace CollabBot.Discord.Tests;

/// <summary>
/// The verifier against fixed vectors (platform-protocols.md §0.3): RFC 8032 §7.1 TEST 1 for the NSec primitive,
/// and a Discord-shaped request signed with the same key, checked with the clock set to its timestamp.
/// </summary>
public sealed class DiscordSignatureTests
{
    private const string Rfc8032Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string Rfc8032PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Rfc8032EmptyMessageSignature = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    // Not from Discord (Discord publishes no signed example): made with the RFC key over "1700000000" + {"type":1}.
    private const string VectorTimestamp = "1700000000";
    private const string VectorBody = """{"type":1}""";
    private const string VectorSignature = "1695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc0614e4dc13cd47f0f";

    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Rfc8032Test1_EmptyMessage_SignsAndVerifiesAsPublished()
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(Rfc8032Seed), KeyBlobFormat.RawPrivateKey);
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(Rfc8032PublicKey), KeyBlobFormat.RawPublicKey);

        var signature = SignatureAlgorithm.Ed25519.Sign(key, []);

        Assert.Equal(Rfc8032PublicKey, Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
        Assert.Equal(Rfc8032EmptyMessageSignature, Convert.ToHexStringLower(signature));
        Assert.True(SignatureAlgorithm.Ed25519.Verify(publicKey, [], Convert.FromHexString(Rfc8032EmptyMessageSignature)));
    }

    [Fact]
    public void Verify_DiscordShapedVectorAtItsTime_Succeeds()
    {
        var verifier = new DiscordSignature(Rfc8032PublicKey);

        Assert.True(verifier.Verify(VectorTimestamp, VectorSignature, Encoding.UTF8.GetBytes(VectorBody), VectorTime));
    }

    [Theory]
    [InlineData("body", """{"type":2}""", VectorTimestamp, VectorSignature)]
    [InlineData("body whitespace", """{"type": 1}""", VectorTimestamp, VectorSignature)]
    [InlineData("timestamp", VectorBody, "1700000001", VectorSignature)]
    [InlineData("signature", VectorBody, VectorTimestamp, "2695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc0614e4dc13cd47f0f")]
    [InlineData("signature not hex", VectorBody, VectorTimestamp, "zz95961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc0614e4dc13cd47f0f")]
    [InlineData("signature truncated", VectorBody, VectorTimestamp, "1695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228")]
    [InlineData("timestamp missing", VectorBody, "", VectorSignature)]
    [InlineData("signature missing", VectorBody, VectorTimestamp, "")]
    public void Verify_OneThingChanged_Fails(string changed, string body, string timestamp, string signature)
    {
        var verifier = new DiscordSignature(Rfc8032PublicKey);

        Assert.False(verifier.Verify(timestamp, signature, Encoding.UTF8.GetBytes(body), VectorTime), changed);
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(-299, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    [InlineData(86_400, false)]
    public void Verify_ClockAwayFromTimestamp_AcceptsOnlyWithinFiveMinutes(int secondsFromTimestamp, bool accepted)
    {
        var verifier = new DiscordSignature(Rfc8032PublicKey);

        var ok = verifier.Verify(VectorTimestamp, VectorSignature, Encoding.UTF8.GetBytes(VectorBody), VectorTime.AddSeconds(secondsFromTimestamp));

        Assert.Equal(accepted, ok);
    }

    [Fact]
    public void Verify_NoPublicKeyConfigured_FailsClosed()
    {
        var verifier = new DiscordSignature(null);

        Assert.False(verifier.IsConfigured);
        Assert.False(verifier.Verify(VectorTimestamp, VectorSignature, Encoding.UTF8.GetBytes(VectorBody), VectorTime));
    }

    [Fact]
    public async Task Endpoint_DiscordShapedVectorWithClockAtItsTime_AnswersPongAndRejectsOneByteChanged()
    {
        using var rfcKey = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(Rfc8032Seed), KeyBlobFormat.RawPrivateKey);
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake, clock: new FakeTimeProvider(VectorTime), key: rfcKey);

        using var ok = await service.PostRawAsync(VectorBody, VectorTimestamp, VectorSignature);
        using var altered = await service.PostRawAsync("""{"type":2}""", VectorTimestamp, VectorSignature);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("""{"type":1}""", await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, altered.StatusCode);
    }
}
