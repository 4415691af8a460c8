using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using CollabBot.Core.Tests.Downloads;
using CollabBot.Core.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabBot.Core.Tests.Resources;

/// <summary>The real checker and downloader against Kestrel on 127.0.0.1 (listed in Challenges:DownloadHosts), with the harness's fake clock for pacing.</summary>
public sealed class LinkCheckerTests : IAsyncLifetime
{
    private CoreHarness h = null!;
    private LocalWebServer server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        h = await CoreHarness.StartAsync();
        server = await LocalWebServer.StartAsync(h.Clock);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        await h.DisposeAsync();
    }

    private async Task<int> AddAsync(string url, params string[] groups)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        Assert.True(ResourceInput.TryValidate(new ResourceDraft { Title = "Resource at " + url, Url = url, Kind = "tutorial", Groups = groups }, 2026, out var values, out var error), error);
        var outcome = await new ResourceLibrary(db).AddAsync(values, null, Ct);
        await db.SaveChangesAsync(Ct);
        return outcome.Added!.Id;
    }

    /// <summary>
    /// Runs a check, moving the fake clock on only while the checker waits for a host's slot (never while a request is
    /// on its way), so per-host waits pass without real sleeping and the server's timestamps show the pacing exactly.
    /// </summary>
    private Task<LinkCheckReport> CheckAsync(params int[] ids) => RunAsync((checker, db) => checker.CheckAsync(db, ids, Ct));

    private async Task<LinkCheckReport> RunAsync(Func<LinkChecker, CollabBotDbContext, Task<LinkCheckReport>> check)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        using var downloader = SafeDownloaderTests.Downloader(hosts: ["127.0.0.1", "localhost"]);
        var clock = new WaitingClock(h.Clock);
        var checker = new LinkChecker(downloader, clock, NullLogger<LinkChecker>.Instance);
        var run = check(checker, db);
        while (!run.IsCompleted)
        {
            if (clock.Waiting > 0)
            {
                h.Clock.Advance(TimeSpan.FromMilliseconds(100));
            }
            else
            {
                await Task.Delay(2, Ct);
            }
        }

        return await run;
    }

    private Task<ResourceLink> LinkAsync(int id) => h.QueryAsync(db => db.ResourceLinks.SingleAsync(l => l.ResourceId == id));

    [Fact]
    public async Task Check_NotFound_IsBrokenAtOnceAndReportedUnderItsGroup()
    {
        var id = await AddAsync(server.Url("/gone").AbsoluteUri, "tracking");

        var report = await CheckAsync(id);

        var broken = Assert.Single(report.NewlyBroken);
        Assert.Equal(404, broken.Status);
        var group = Assert.Single(report.ByGroup);
        Assert.Equal("tracking", group.GroupSlug);
        Assert.Equal(id, Assert.Single(group.Links).ResourceId);
        var link = await LinkAsync(id);
        Assert.Equal(link.CheckedAt, link.BrokenSince);
        Assert.Equal(404, link.LastStatus);
        Assert.Null(link.LastOkAt);
    }

    [Fact]
    public async Task Check_RedirectToWorkingPage_IsWorking()
    {
        server.Redirect("/old", "/new", 301).Text("/new", "here");
        var id = await AddAsync(server.Url("/old").AbsoluteUri, "tracking");

        var report = await CheckAsync(id);

        Assert.Empty(report.NewlyBroken);
        Assert.Equal(1, report.Working);
        var link = await LinkAsync(id);
        Assert.Equal(200, link.LastStatus);
        Assert.NotNull(link.LastOkAt);
        Assert.False(link.IsBroken);
    }

    [Fact]
    public async Task Check_PrivateAddress_IsRefusedAndBroken()
    {
        var id = await AddAsync("http://10.20.30.40/course", "training");

        var report = await CheckAsync(id);

        var broken = Assert.Single(report.NewlyBroken);
        Assert.Null(broken.Status);
        Assert.Contains("private", broken.Reason, StringComparison.Ordinal);
        Assert.Equal("training", Assert.Single(report.ByGroup).GroupSlug);
    }

    [Fact]
    public async Task Check_HeadNotAllowed_FallsBackToGet()
    {
        server.Map("/no-head", c =>
        {
            c.Response.StatusCode = HttpMethods.IsHead(c.Request.Method) ? 405 : 200;
            return Task.CompletedTask;
        });
        var id = await AddAsync(server.Url("/no-head").AbsoluteUri);

        var report = await CheckAsync(id);

        Assert.Equal(1, report.Working);
        Assert.Equal(["HEAD", "GET"], server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Check_ServerError_BreaksOnlyOnTheSecondFailureInARow()
    {
        server.Text("/flaky", "down", 503);
        var id = await AddAsync(server.Url("/flaky").AbsoluteUri, "tracking");

        var first = await CheckAsync(id);
        Assert.Equal(1, (await LinkAsync(id)).Failures);
        var second = await CheckAsync(id);
        var third = await CheckAsync(id);

        Assert.Empty(first.NewlyBroken);
        Assert.Single(second.NewlyBroken);
        Assert.Empty(third.NewlyBroken);
        Assert.Equal(3, (await LinkAsync(id)).Failures);
    }

    [Fact]
    public async Task Check_BrokenLinkWorkingAgain_IsRepaired()
    {
        var id = await AddAsync(server.Url("/later").AbsoluteUri, "tracking");
        await CheckAsync(id);
        server.Text("/later", "back");

        var report = await CheckAsync(id);

        Assert.Equal([id], report.Repaired);
        var link = await LinkAsync(id);
        Assert.False(link.IsBroken);
        Assert.Equal(0, link.Failures);
    }

    [Fact]
    public async Task Check_ManyLinksOnOneHost_AreOneSecondApartWithoutHoldingUpOtherHosts()
    {
        server.Text("/a", "a").Text("/b", "b").Text("/c", "c").Text("/d", "d");
        var ids = new List<int>
        {
            await AddAsync(server.Url("/a").AbsoluteUri),
            await AddAsync(server.Url("/b").AbsoluteUri),
            await AddAsync(server.Url("/c").AbsoluteUri),
            await AddAsync(new Uri(server.OtherHost, "/d").AbsoluteUri),
        };
        var start = h.Clock.GetUtcNow();

        var report = await CheckAsync([.. ids]);

        Assert.Equal(4, report.Working);
        var byHost = server.Requests.GroupBy(r => r.Host).ToDictionary(g => g.Key, g => g.Select(r => r.At).ToList());
        var ip = byHost["127.0.0.1"];
        Assert.Equal(3, ip.Count);
        for (var i = 1; i < ip.Count; i++)
        {
            Assert.True(ip[i] - ip[i - 1] >= LinkChecker.PerHostInterval, $"requests {i - 1} and {i} were {(ip[i] - ip[i - 1]).TotalMilliseconds} ms apart");
        }

        // The other host's one request went out before the first host's second, not after all of them.
        Assert.True(byHost["localhost"].Single() < ip[1]);
        Assert.True(byHost["localhost"].Single() - start < LinkChecker.PerHostInterval);
    }

    [Fact]
    public async Task CheckDue_SkipsRecentlyCheckedAndRetired()
    {
        server.Text("/ok", "ok").Text("/ok2", "ok");
        var recent = await AddAsync(server.Url("/ok").AbsoluteUri);
        var retired = await AddAsync(server.Url("/ok2").AbsoluteUri);
        var never = await AddAsync(server.Url("/gone").AbsoluteUri);
        await CheckAsync(recent);
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            ResourceLibrary.Retire(await db.Resources.SingleAsync(r => r.Id == retired, Ct), null, db.Now);
            await db.SaveChangesAsync(Ct);
        }

        var report = await RunAsync((checker, db) => checker.CheckDueAsync(db, h.Clock.GetUtcNow().AddDays(-7), 100, Ct));

        Assert.Equal(1, report.Checked);
        Assert.Equal(never, Assert.Single(report.NewlyBroken).ResourceId);
    }

    /// <summary>The harness's fake clock, counting the timers (the checker's waits) that have not fired yet.</summary>
    private sealed class WaitingClock(Microsoft.Extensions.Time.Testing.FakeTimeProvider inner) : TimeProvider
    {
        private int waiting;

        public int Waiting => Volatile.Read(ref waiting);

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref waiting);
            var fired = 0;
            return new Counted(inner.CreateTimer(s =>
            {
                if (Interlocked.Exchange(ref fired, 1) == 0)
                {
                    Interlocked.Decrement(ref waiting);
                }

                callback(s);
            }, state, dueTime, period), () =>
            {
                if (Interlocked.Exchange(ref fired, 1) == 0)
                {
                    Interlocked.Decrement(ref waiting);
                }
            });
        }

        private sealed class Counted(ITimer timer, Action disposed) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

            public void Dispose()
            {
                disposed();
                timer.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                disposed();
                return timer.DisposeAsync();
            }
        }
    }
}
