using System.Net;
using System.Text.Json.Nodes;

namespace CollabBot.Discord.Tests;

/// <summary>
/// interfaces.md: a request that is signed but malformed gets a reply that says so, never a 500. Discord only
/// sends well-formed interactions, so these stand for a change in Discord's payloads or a bug on either side.
/// </summary>
public sealed class MalformedInteractionTests(SignedServiceFixture fixture) : IClassFixture<SignedServiceFixture>
{
    public static TheoryData<string, string> Malformed => new()
    {
        { "member not an object", """{"type":2,"id":"1","token":"t","member":"someone","data":{"name":"wg","options":[{"type":1,"name":"list"}]}}""" },
        { "data an array", """{"type":2,"id":"1","token":"t","user":{"id":"200000000000000909"},"data":[]}""" },
        { "focused not a boolean", """{"type":4,"id":"1","token":"t","user":{"id":"200000000000000909"},"data":{"name":"wg","options":[{"type":1,"name":"info","options":[{"type":3,"name":"wg","value":"cal","focused":"yes"}]}]}}""" },
        { "options not an array", """{"type":2,"id":"1","token":"t","user":{"id":"200000000000000909"},"data":{"name":"wg","options":{"list":true}}}""" },
        { "option type a string", """{"type":2,"id":"1","token":"t","user":{"id":"200000000000000909"},"data":{"name":"wg","options":[{"type":"1","name":"list"}]}}""" },
        { "no caller", """{"type":2,"id":"1","token":"t","data":{"name":"wg","options":[{"type":1,"name":"list"}]}}""" },
        { "unknown command", """{"type":2,"id":"1","token":"t","user":{"id":"200000000000000909"},"data":{"name":"nope"}}""" },
        { "type a string", """{"type":"2","id":"1","token":"t","user":{"id":"200000000000000909"}}""" },
        { "custom_id a number", """{"type":3,"id":"1","token":"t","user":{"id":"200000000000000909"},"data":{"custom_id":5}}""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Interaction_SignedButMalformed_AnswersEphemerallyNever500(string shape, string body)
    {
        var (timestamp, signature) = fixture.Service.Sign(body);

        using var response = await fixture.Service.PostRawAsync(body, timestamp, signature);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{shape}: {(int)response.StatusCode} {text}");
        var answer = JsonNode.Parse(text)!;
        Assert.Equal(4, answer["type"]!.GetValue<int>());
        Assert.Equal(64, answer["data"]!["flags"]!.GetValue<int>());
        Assert.Empty(answer["data"]!["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public async Task Interaction_SignedButNotAJsonObject_Gets400SayingSo(string body)
    {
        var (timestamp, signature) = fixture.Service.Sign(body);

        using var response = await fixture.Service.PostRawAsync(body, timestamp, signature);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
