using System.Net;
using System.Net.Http.Headers;
using CollabBot.IntegrationTests.Support;

namespace CollabBot.IntegrationTests;

/// <summary>
/// Finding 16 of the security review: responses carry a Content-Security-Policy, nosniff and a Referrer-Policy, and
/// the pages need nothing the policy forbids (no inline script or style).
/// </summary>
public sealed class SecurityHeadersTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Pages => ["/", "/wg/calorimetry", "/wg/calorimtery", "/meetings", "/meetings?tz=Mars/Olympus", "/datasets", "/datasets/calo-showers", "/projects/calo-showers-v2", "/console"];

    [Theory]
    [MemberData(nameof(Pages))]
    [InlineData("/site.css")]
    [InlineData("/favicon.ico")]
    [InlineData("/calendar.ics")]
    [InlineData("/api/v1/groups")]
    [InlineData("/authors/calo-showers-v2.txt")]
    public async Task Response_AnyPath_CarriesCspNosniffAndReferrerPolicy(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path, Ct);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("default-src 'self'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Any_HasNoInlineScriptOrStyleThePolicyWouldBlock(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Empty(Html.StartTags(page, "script"));
        Assert.Empty(Html.StartTags(page, "style"));
        Assert.DoesNotContain(" style=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<[a-zA-Z][^>]*\son[a-z]+\s*=", page);
        Assert.Contains(Html.StartTags(page, "link"), l => Html.Attr(l, "rel") == "stylesheet" && Html.Attr(l, "href") == "/site.css");
    }

    [Fact]
    public async Task SiteCss_Requested_IsAStylesheetFileThatRevalidates()
    {
        var client = factory.CreateClient();

        using var first = await client.GetAsync("/site.css", Ct);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/site.css");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/css", first.Content.Headers.ContentType?.MediaType);
        Assert.Contains(":root", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }
}
