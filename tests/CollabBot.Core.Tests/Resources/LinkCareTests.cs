using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Outbox;
using CollabBot.Core.Resources;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Resources;

/// <summary>The weekly pass against a local server: broken links marked, each group's conveners told once in the group's channels.</summary>
public sealed class LinkCareTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<int> AddAsync(CoreHarness h, string url, params string[] groups)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        Assert.True(ResourceInput.TryValidate(new ResourceDraft { Title = "Notes at " + url, Url = url, Kind = "tutorial", Groups = groups }, 2026, out var values, out var error), error);
        var outcome = await new ResourceLibrary(db).AddAsync(values, null, Ct);
        await db.SaveChangesAsync(Ct);
        return outcome.Added!.Id;
    }

    /// <summary>Runs a pass, moving the fake clock on while the checker waits for a host's slot.</summary>
    private static async Task<LinkCheckReport?> PassAsync(CoreHarness h)
    {
        var run = h.Services.GetRequiredService<LinkCare>().RunDueAsync(Ct);
        while (!run.IsCompleted)
        {
            await Task.Delay(5, Ct);
            h.Clock.Advance(TimeSpan.FromMilliseconds(200));
        }

        return await run;
    }

    private static Task<List<OutboundMessage>> BrokenNoticesAsync(CoreHarness h) =>
        h.QueryAsync(db => db.OutboundMessages.Where(m => m.DedupeKey != null && m.DedupeKey.StartsWith("resource-links-broken:")).ToListAsync());

    [Fact]
    public async Task WeeklyPass_BrokenLink_IsMarkedAndToldToItsGroupsConvenersOnceAcrossPasses()
    {
        await using var h = await CoreHarness.StartAsync(seed: true, s => s.Configure<ChallengesOptions>(o => o.DownloadHosts = ["127.0.0.1"]));
        await using var server = await LocalWebServer.StartAsync(h.Clock);
        server.Text("/ok", "fine");
        var gone = await AddAsync(h, server.Url("/gone").AbsoluteUri, "calorimetry");
        var ok = await AddAsync(h, server.Url("/ok").AbsoluteUri, "calorimetry");

        var first = await PassAsync(h);
        h.Clock.Advance(LinkCare.Interval + TimeSpan.FromHours(1));
        var second = await PassAsync(h);

        Assert.Equal((2, 1), (first!.Checked, first.Working));
        Assert.Equal([gone], first.NewlyBroken.Select(b => b.ResourceId));
        Assert.Equal(2, second!.Checked);
        Assert.Empty(second.NewlyBroken);
        var notices = await BrokenNoticesAsync(h);
        var channels = await h.QueryAsync(db => db.ChannelLinks.CountAsync(c => c.Group.Slug == "calorimetry" && c.UnlinkedAt == null));
        Assert.Equal(channels, notices.Count);
        Assert.All(notices, n => Assert.Contains($"#{gone}", n.Body, StringComparison.Ordinal));
        Assert.All(notices, n => Assert.DoesNotContain($"#{ok} ", n.Body, StringComparison.Ordinal));
        Assert.All(notices, n => Assert.False(n.IsDirect));
        Assert.NotNull((await h.QueryAsync(db => db.ResourceLinks.SingleAsync(l => l.ResourceId == gone))).BrokenSince);
    }

    [Fact]
    public async Task Notify_SameBreakageTwice_QueuesItOnce()
    {
        await using var h = await CoreHarness.StartAsync(seed: true, s => s.Configure<ChallengesOptions>(o => o.DownloadHosts = ["127.0.0.1"]));
        await using var server = await LocalWebServer.StartAsync(h.Clock);
        await AddAsync(h, server.Url("/gone").AbsoluteUri, "tracking");
        var report = await PassAsync(h);

        var again = await h.QueryAsync(async db =>
        {
            var queued = await LinkCare.NotifyAsync(db, new OutboxWriter(db), report!, Ct);
            await db.SaveChangesAsync(Ct);
            return queued;
        });

        Assert.Equal(0, again);
        Assert.NotEmpty(await BrokenNoticesAsync(h));
    }

    [Fact]
    public async Task WeeklyPass_PrivateAddressNotListed_IsRefusedAndMarkedBroken()
    {
        await using var h = await CoreHarness.StartAsync(seed: true);
        var id = await AddAsync(h, "http://10.1.2.3/notes", "tracking");

        var report = await PassAsync(h);

        Assert.Equal([id], report!.NewlyBroken.Select(b => b.ResourceId));
    }
}
