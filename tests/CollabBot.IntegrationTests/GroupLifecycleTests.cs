using CollabBot.Console;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>Groups that are not the happy seeded ones: archived, or new without a convener. Own host, as these change data.</summary>
public sealed class GroupLifecycleTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GroupPage_ArchivedGroup_SaysSoOffersNoJoinAndLeavesTheHomePage()
    {
        await SayAsAdminAsync("/wg archive lartpc");
        var client = factory.CreateClient();

        var page = await client.GetStringAsync("/wg/lartpc", Ct);
        var home = await client.GetStringAsync("/", Ct);

        var join = Html.Text(Html.Section(page, "How to join"));
        Assert.Contains("archived and takes no new members", join, StringComparison.Ordinal);
        Assert.DoesNotContain("/wg join", join, StringComparison.Ordinal);
        Assert.DoesNotContain(Html.Links(home), l => l.Href == "/wg/lartpc");
    }

    [Fact]
    public async Task GroupPage_NoConvener_SaysNoneYetAndHowOneIsAppointed()
    {
        await SayAsAdminAsync("/wg create newbies 'New Group' --kind area");

        var page = await factory.CreateClient().GetStringAsync("/wg/newbies", Ct);

        Assert.Equal("None yet. An admin appoints one with /wg convener add newbies @user.", Html.Text(Html.Section(page, "Conveners"))["Conveners ".Length..]);
        Assert.Contains("type /wg join newbies. You are a member at once.", Html.Text(Html.Section(page, "How to join")), StringComparison.Ordinal);
    }

    private async Task SayAsAdminAsync(string line)
    {
        var reply = await factory.Services.GetRequiredService<ConsolePlatform>().SayAsync(line, "console:admin", null, Ct);
        Assert.True(reply.Status == ReplyStatus.Ok, reply.Plain);
    }
}
