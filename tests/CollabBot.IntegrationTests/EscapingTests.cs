using CollabBot.Console;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>User text on a page is text: markup typed into a group name, a description or a person's name is shown, never run.</summary>
public sealed class EscapingTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private const string HostileName = """<script>alert(1)</script> & "quotes" """;
    private const string HostileDescription = "<img src=x onerror=alert(2)> it's <b>bold</b>";
    private const string HostilePerson = "Eve <iframe src=//evil.example>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GroupPage_NameDescriptionAndMemberWithMarkup_ShowsThemEscaped()
    {
        await CreateHostileGroupAsync();

        var page = await factory.CreateClient().GetStringAsync("/wg/xss-test", Ct);

        AssertNoInjectedMarkup(page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;", page, StringComparison.Ordinal);
        Assert.Equal(HostileName.Trim(), Html.Text(Html.Elements(page, "h1").Single().Inner));
        Assert.Contains(HostileDescription, Html.Text(page), StringComparison.Ordinal);
        Assert.Contains(HostilePerson, Html.Text(Html.Section(page, "Members")), StringComparison.Ordinal);
        Assert.StartsWith(HostileName.Trim(), Html.Text(Html.Elements(page, "title").Single().Inner), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_GroupWithMarkupInName_ShowsItEscaped()
    {
        await CreateHostileGroupAsync();

        var home = await factory.CreateClient().GetStringAsync("/", Ct);

        AssertNoInjectedMarkup(home);
        Assert.Contains(("/wg/xss-test", HostileName.Trim()), Html.Links(home));
    }

    [Fact]
    public async Task GroupPage_UnknownSlugWithMarkup_EchoesItEscaped()
    {
        using var response = await factory.CreateClient().GetAsync("/wg/%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E", Ct);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        AssertNoInjectedMarkup(page);
        Assert.Contains("There is no working group <img src=x onerror=alert(3)>.", Html.Text(page), StringComparison.Ordinal);
    }

    private async Task CreateHostileGroupAsync()
    {
        var console = factory.Services.GetRequiredService<ConsolePlatform>();
        if ((await console.SayAsync("/wg info xss-test", "console:admin", null, Ct)).Status == ReplyStatus.Ok)
        {
            return;
        }

        var created = await console.SayAsync(
            $"""/wg create xss-test '{HostileName}' --kind area --description "{HostileDescription}" """,
            "console:admin", null, Ct);
        Assert.True(created.Status == ReplyStatus.Ok, created.Plain);
        var named = await console.SayAsync($"/profile set --name '{HostilePerson}'", "console:eve", null, Ct);
        Assert.True(named.Status == ReplyStatus.Ok, named.Plain);
        var joined = await console.SayAsync("/wg join xss-test", "console:eve", null, Ct);
        Assert.True(joined.Status == ReplyStatus.Ok, joined.Plain);
    }

    private static void AssertNoInjectedMarkup(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
    }
}
