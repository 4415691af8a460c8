using System.Net;
using CollabBot.Core.Data;
using CollabBot.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>The local web console (Development): a form protected by an antiforgery token that runs one command.</summary>
public sealed class ConsolePageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private const string TokenField = "__RequestVerificationToken";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_Get_ShowsPostFormWithAntiforgeryToken()
    {
        var page = await factory.CreateClient().GetStringAsync("/console", Ct);

        var form = Assert.Single(Html.Elements(page, "form"));
        Assert.Equal("post", Html.Attr(form.Attributes, "method"));
        Assert.Equal("/console", Html.Attr(form.Attributes, "action"));
        Assert.False(string.IsNullOrEmpty(Token(form.Inner)));
        Assert.Contains(Html.StartTags(form.Inner, "input"), i => Html.Attr(i, "name") == "line");
        Assert.Contains(Html.StartTags(form.Inner, "input"), i => Html.Attr(i, "name") == "as");
    }

    [Fact]
    public async Task Console_PostWithToken_RunsCommandAndShowsReply()
    {
        var client = factory.CreateClient();
        var token = Token(await client.GetStringAsync("/console", Ct));

        using var response = await client.PostAsync("/console", Form(token, "console:amara", "/wg list"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(Html.Elements(await response.Content.ReadAsStringAsync(Ct), "div"), d => Html.Attr(d.Attributes, "class") == "reply");
        var text = Html.Text(reply.Inner);
        Assert.StartsWith("Working groups", text, StringComparison.Ordinal);
        Assert.All(Seeds.Community.Groups, g => Assert.Contains($"{g.Slug} — {g.Name}", text, StringComparison.Ordinal));
        PageShape.AssertAccessible(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Console_PostWithoutToken_Returns400AndRunsNothing()
    {
        var client = factory.CreateClient();
        await client.GetStringAsync("/console", Ct); // the cookie half alone is not enough

        using var response = await client.PostAsync("/console", Form(null, "console:admin", "/wg create forged 'Forged group'"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(await GroupExistsAsync("forged"));
    }

    [Fact]
    public async Task Console_PostWithTokenFromAnotherBrowser_Returns400AndRunsNothing()
    {
        var token = Token(await factory.CreateClient().GetStringAsync("/console", Ct));
        var attacker = factory.CreateClient();
        await attacker.GetStringAsync("/console", Ct);

        using var response = await attacker.PostAsync("/console", Form(token, "console:admin", "/wg create stolen 'Stolen token'"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await GroupExistsAsync("stolen"));
    }

    [Fact]
    public async Task Console_PostWithInvalidIdentity_ExplainsIdentityFormat()
    {
        var client = factory.CreateClient();
        var token = Token(await client.GetStringAsync("/console", Ct));

        using var response = await client.PostAsync("/console", Form(token, "amara", "/wg list"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("'amara' is not an identity. Use console:<name>", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    private static string? Token(string html) =>
        Html.StartTags(html, "input").Where(i => Html.Attr(i, "name") == TokenField).Select(i => Html.Attr(i, "value")).SingleOrDefault();

    private static FormUrlEncodedContent Form(string? token, string identity, string line)
    {
        var fields = new Dictionary<string, string> { ["as"] = identity, ["line"] = line, ["channel"] = "" };
        if (token is not null)
        {
            fields[TokenField] = token;
        }

        return new FormUrlEncodedContent(fields);
    }

    private async Task<bool> GroupExistsAsync(string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CollabBotDbContext>().Groups.AnyAsync(g => g.Slug == slug, Ct);
    }
}

/// <summary>With <c>Console:Enabled</c> false (the default outside Development) the console does not exist.</summary>
public sealed class ConsoleDisabledTests(ConsoleDisabledFactory factory) : IClassFixture<ConsoleDisabledFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_Disabled_Get404SpeaksToMembersNotOperators()
    {
        using var response = await factory.CreateClient().GetAsync("/console", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = Html.Text(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("/collab help", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Console:Enabled", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_ConsoleDisabled_HowToUseNeitherLinksNorExplainsTheConsole()
    {
        var howTo = Html.Section(await factory.CreateClient().GetStringAsync("/", Ct), "How to use");

        Assert.DoesNotContain("Console:Enabled", Html.Text(howTo), StringComparison.Ordinal);
        Assert.DoesNotContain(Html.Links(howTo), l => l.Href.StartsWith("/console", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GroupPage_ConsoleDisabled_JoinBoxHasNoConsoleLink()
    {
        var join = Html.Section(await factory.CreateClient().GetStringAsync("/wg/calorimetry", Ct), "How to join");

        Assert.Contains("/wg join calorimetry", Html.Text(join), StringComparison.Ordinal);
        Assert.DoesNotContain(Html.Links(join), l => l.Href.StartsWith("/console", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Console_Disabled_PageIsStillAccessible()
    {
        using var response = await factory.CreateClient().GetAsync("/console", Ct);

        PageShape.AssertAccessible(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Console_DisabledPost_Returns404AndRunsNothing()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["as"] = "console:admin", ["line"] = "/wg create sneaky 'Sneaky group'" });

        using var response = await factory.CreateClient().PostAsync("/console", form, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CollabBotDbContext>().Groups.AnyAsync(g => g.Slug == "sneaky", Ct));
    }
}
