using System.Net;
using CollabBot.Core.Data;
using CollabBot.IntegrationTests.Support;
using ConsoleAccess = CollabBot.Web.ConsoleAccess;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>A visitor from another host, as the in-memory server's connection reports it.</summary>
public sealed class RemoteVisitorFactory : ServiceFactory
{
    protected override IPAddress RemoteAddress => IPAddress.Parse("203.0.113.7");
}

/// <summary>A visitor from another host, on a deployment that lets the console answer them (<c>Console:AllowRemote</c>).</summary>
public sealed class RemoteAllowedFactory : ServiceFactory
{
    protected override IPAddress RemoteAddress => IPAddress.Parse("203.0.113.7");

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Console:AllowRemote"] = "true" };
}

/// <summary>
/// Finding 1 of the security review: the console acts as anyone for anyone who reaches it. It now takes only console
/// identities, and answers only local requests: a loopback connection, no proxy's headers, a loopback Host.
/// </summary>
public sealed class ConsoleLocalRuleTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("slack:T0001:U0001")]
    [InlineData("discord:80351110224678912")]
    public async Task Console_NonConsoleIdentityFromThisMachine_IsRefusedAndRunsNothing(string identity)
    {
        var client = factory.CreateClient();
        var token = await ConsoleForm.TokenAsync(client);

        using var response = await client.PostAsync("/console", ConsoleForm.Fields(token, identity, "/profile set --name 'Mallory Impostor'"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(Html.Elements(await response.Content.ReadAsStringAsync(Ct), "div"), d => Html.Attr(d.Attributes, "class") == "reply error");
        Assert.Contains("console identities only", Html.Text(reply.Inner), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        Assert.False(await db.Identities.AnyAsync(i => i.Key == identity, Ct));
        Assert.False(await db.People.AnyAsync(p => p.DisplayName == "Mallory Impostor", Ct));
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https;host=collab.example.org")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    public async Task Console_RequestAReverseProxyForwarded_Answers404AndRunsNothing(string header, string value)
    {
        var client = factory.CreateClient();
        var token = await ConsoleForm.TokenAsync(client);
        client.DefaultRequestHeaders.Add(header, value);

        using var get = await client.GetAsync("/console", Ct);
        using var post = await client.PostAsync("/console", ConsoleForm.Fields(token, "console:admin", "/wg create proxied 'Through a proxy'"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Empty(Html.Elements(await get.Content.ReadAsStringAsync(Ct), "form"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.False(await GroupExistsAsync("proxied"));
    }

    [Theory]
    [InlineData("http://collab.example.org")]
    [InlineData("http://127.0.0.1.nip.io")]
    [InlineData("http://localhost.example.org")]
    public async Task Console_NonLoopbackHostOverLoopback_Answers404AndRunsNothing(string address)
    {
        // DNS rebinding: a page on a name that resolves to 127.0.0.1 reaches the console through the visitor's browser.
        // 404 rather than antiforgery's 400: the console is not there at all.
        var rebound = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address) });

        using var get = await rebound.GetAsync("/console", Ct);
        using var post = await rebound.PostAsync("/console", ConsoleForm.Fields(null, "console:admin", "/wg create rebound 'Rebound'"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.False(await GroupExistsAsync("rebound"));
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://[::1]:5080")]
    public async Task Console_LocalRequestWithLoopbackHost_Answers(string address)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address) });

        using var response = await client.GetAsync("/console", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Html.Elements(await response.Content.ReadAsStringAsync(Ct), "form"));
    }

    [Fact]
    public async Task Navigation_LocalRequest_LinksToTheConsole()
    {
        var home = await factory.CreateClient().GetStringAsync("/", Ct);

        Assert.Contains(("/console", "Console"), Html.Links(MainNav(home)));
    }

    [Fact]
    public async Task Navigation_ForwardedRequest_DoesNotLinkToTheConsoleAnywhere()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        foreach (var path in new[] { "/", "/wg/calorimetry", "/meetings", "/datasets" })
        {
            var page = await client.GetStringAsync(path, Ct);
            Assert.DoesNotContain(Html.Links(page), l => l.Href.StartsWith("/console", StringComparison.Ordinal));
        }
    }

    internal static string MainNav(string page) => Html.Elements(page, "nav").Single(n => Html.Attr(n.Attributes, "aria-label") == "Main").Inner;

    private async Task<bool> GroupExistsAsync(string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CollabBotDbContext>().Groups.AnyAsync(g => g.Slug == slug, Ct);
    }
}

/// <summary>A request from another host: the console is not there, and no page links to it.</summary>
public sealed class ConsoleRemoteTests(RemoteVisitorFactory factory) : IClassFixture<RemoteVisitorFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_RequestFromAnotherHost_Answers404AndRunsNothing()
    {
        var client = factory.CreateClient();

        using var get = await client.GetAsync("/console", Ct);
        using var post = await client.PostAsync("/console", ConsoleForm.Fields(null, "console:admin", "/wg create remote 'From afar'"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Empty(Html.Elements(await get.Content.ReadAsStringAsync(Ct), "form"));
        PageShape.AssertAccessible(await get.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode); // not antiforgery's 400: the console is not there at all
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CollabBotDbContext>().Groups.AnyAsync(g => g.Slug == "remote", Ct));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/wg/calorimetry")]
    [InlineData("/meetings")]
    [InlineData("/datasets/calo-showers")]
    [InlineData("/projects/calo-showers-v2")]
    public async Task Pages_RequestFromAnotherHost_LinkToTheConsoleNowhere(string path)
    {
        var page = await factory.CreateClient().GetStringAsync(path, Ct);

        Assert.DoesNotContain(Html.Links(page), l => l.Href.StartsWith("/console", StringComparison.Ordinal));
    }
}

/// <summary><c>Console:AllowRemote</c>: the operator's explicit choice to let the console answer other hosts.</summary>
public sealed class ConsoleAllowRemoteTests(RemoteAllowedFactory factory) : IClassFixture<RemoteAllowedFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_AllowRemoteAndRequestFromAnotherHost_RunsTheCommandAndIsLinked()
    {
        var client = factory.CreateClient();
        var token = await ConsoleForm.TokenAsync(client);

        using var response = await client.PostAsync("/console", ConsoleForm.Fields(token, "console:amara", "/wg list"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(Html.Elements(await response.Content.ReadAsStringAsync(Ct), "div"), d => Html.Attr(d.Attributes, "class") == "reply");
        Assert.StartsWith("Working groups", Html.Text(reply.Inner), StringComparison.Ordinal);
        Assert.Contains(("/console", "Console"), Html.Links(ConsoleLocalRuleTests.MainNav(await client.GetStringAsync("/", Ct))));
    }

    [Fact]
    public async Task Console_AllowRemote_StillRefusesNonConsoleIdentities()
    {
        var client = factory.CreateClient();
        var token = await ConsoleForm.TokenAsync(client);

        using var response = await client.PostAsync("/console", ConsoleForm.Fields(token, "slack:T0001:U0001", "/collab whoami"), Ct);

        Assert.Contains("console identities only", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }
}

/// <summary>The console's form as a browser fills it in.</summary>
internal static class ConsoleForm
{
    public const string TokenField = "__RequestVerificationToken";

    public static async Task<string?> TokenAsync(HttpClient client) =>
        Html.StartTags(await client.GetStringAsync("/console", TestContext.Current.CancellationToken), "input")
            .Where(i => Html.Attr(i, "name") == TokenField).Select(i => Html.Attr(i, "value")).SingleOrDefault();

    public static FormUrlEncodedContent Fields(string? token, string identity, string line)
    {
        var fields = new Dictionary<string, string> { ["as"] = identity, ["line"] = line, ["channel"] = "" };
        if (token is not null)
        {
            fields[TokenField] = token;
        }

        return new FormUrlEncodedContent(fields);
    }
}

/// <summary>Which server addresses the start-up warning treats as reachable from other hosts.</summary>
public sealed class ConsoleAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://unix:/run/collabbot.sock", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:80", false)]
    [InlineData("https://192.0.2.10:443", false)]
    [InlineData("http://collab.example.org:5080", false)]
    public void IsLocalAddress_ServerAddress_SaysWhetherOnlyThisMachineReachesIt(string address, bool local)
    {
        Assert.Equal(local, ConsoleAccess.IsLocalAddress(address));
    }
}
