using System.Net;
using CollabBot.Discord.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NSec.Cryptography;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>One running service for the cases below: each case uses its own Discord user, so they cannot see each other.</summary>
public sealed class SignedServiceFixture : IAsyncLifetime
{
    public FakeDiscord Fake { get; private set; } = null!;

    public DiscordService Service { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Fake = await FakeDiscord.StartAsync();
        Service = await DiscordService.StartAsync(Fake);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

/// <summary>
/// Anything not signed by Discord's key for exactly this timestamp and body gets 401 and is not processed: the
/// caller is not even recorded as a person (a valid request would record them, as the control case shows).
/// </summary>
public sealed class UnsignedInteractionTests(SignedServiceFixture fixture) : IClassFixture<SignedServiceFixture>
{
    public static TheoryData<string> Tampering => new()
    {
        "signed with another key",
        "X-Signature-Ed25519 missing",
        "X-Signature-Timestamp missing",
        "both headers missing",
        "body altered after signing",
        "timestamp altered after signing",
        "timestamp six minutes old",
        "timestamp six minutes ahead",
        "signature over the body alone",
        "signature not hex",
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Interaction_NotValidlySigned_Gets401AndIsNotProcessed(string tampering)
    {
        var service = fixture.Service;
        var user = new DiscordUser(UserIdFor(tampering), "mallory", "Mallory");
        var body = Command("wg join", user, String("wg", "calorimetry")).ToJsonString();
        var (timestamp, signature) = service.Sign(body);
        var now = long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture);
        string? sentTimestamp = timestamp, sentSignature = signature;
        var sentBody = body;
        switch (tampering)
        {
            case "signed with another key":
                using (var other = Key.Create(SignatureAlgorithm.Ed25519))
                {
                    sentSignature = service.Sign(body, with: other).Signature;
                }

                break;
            case "X-Signature-Ed25519 missing":
                sentSignature = null;
                break;
            case "X-Signature-Timestamp missing":
                sentTimestamp = null;
                break;
            case "both headers missing":
                (sentTimestamp, sentSignature) = (null, null);
                break;
            case "body altered after signing":
                // Same shape and length, another caller: what an attacker replaying a captured request would try.
                sentBody = body.Replace(user.Id, "300000000000000999", StringComparison.Ordinal);
                break;
            case "timestamp altered after signing":
                sentTimestamp = (now + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "timestamp six minutes old":
                (sentTimestamp, sentSignature) = service.Sign(body, now - 360);
                break;
            case "timestamp six minutes ahead":
                (sentTimestamp, sentSignature) = service.Sign(body, now + 360);
                break;
            case "signature over the body alone":
                sentSignature = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(service.Key, System.Text.Encoding.UTF8.GetBytes(body)));
                break;
            case "signature not hex":
                sentSignature = new string('z', 128);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tampering), tampering, null);
        }

        using var response = await service.PostRawAsync(sentBody, sentTimestamp, sentSignature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var seen = await service.QueryAsync(db => db.Identities.CountAsync(i => i.Key == user.Identity || i.Key == "discord:300000000000000999", TestContext.Current.CancellationToken));
        Assert.Equal(0, seen);
        Assert.Empty(fixture.Fake.Requests);
    }

    [Fact]
    public async Task Interaction_ValidlySigned_IsProcessedAndRecordsTheCaller()
    {
        var user = new DiscordUser("300000000000000500", "valid_val", "Val");

        using var response = await fixture.Service.PostAsync(Command("wg join", user, String("wg", "calorimetry")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var joined = await fixture.Service.QueryAsync(db => db.Memberships.AnyAsync(m => m.Group.Slug == "calorimetry" && m.Person.Identities.Any(i => i.Key == user.Identity), TestContext.Current.CancellationToken));
        Assert.True(joined);
    }

    /// <summary>
    /// 300000000000000100 and up, one per case: apart from the valid case's caller (…500) and the altered body's
    /// (…999), so no case finds an identity another case in this shared service recorded.
    /// </summary>
    private static string UserIdFor(string tampering)
    {
        var index = Tampering.Select(t => t.Data).ToList().IndexOf(tampering);
        Assert.InRange(index, 0, 99);
        return (300_000_000_000_000_100L + index).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
