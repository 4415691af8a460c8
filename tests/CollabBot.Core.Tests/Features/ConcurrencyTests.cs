using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using CollabBot.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

/// <summary>
/// quality.md: concurrent edits of the same group from Slack and Discord lose no update. WorkingGroup.Version
/// and Membership.Version are concurrency tokens, and the dispatcher runs a command again when it meets one.
/// </summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task WorkingGroup_TwoContextsSaveTheSameLoadedRow_SecondGetsConcurrencyException()
    {
        await using var h = await CoreHarness.StartAsync();
        await using var first = h.Services.CreateAsyncScope();
        await using var second = h.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var g1 = await db1.Groups.SingleAsync(g => g.Slug == "calorimetry", TestContext.Current.CancellationToken);
        var g2 = await db2.Groups.SingleAsync(g => g.Slug == "calorimetry", TestContext.Current.CancellationToken);
        var version = g1.Version;

        g1.Name = "Calorimetry Benchmark";
        await db1.SaveChangesAsync(TestContext.Current.CancellationToken);
        g2.Description = "Edited from a stale copy.";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync(TestContext.Current.CancellationToken));
        var saved = await h.GroupAsync("calorimetry");
        Assert.Equal(("Calorimetry Benchmark", version + 1), (saved.Name, saved.Version));
        Assert.DoesNotContain("stale", saved.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Membership_TwoContextsSaveTheSameLoadedRow_SecondGetsConcurrencyException()
    {
        await using var h = await CoreHarness.StartAsync();
        await using var first = h.Services.CreateAsyncScope();
        await using var second = h.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var m1 = await db1.Memberships.SingleAsync(m => m.Group.Slug == "calorimetry" && m.Person.DisplayName == "Noah Schmidt", TestContext.Current.CancellationToken);
        var m2 = await db2.Memberships.SingleAsync(m => m.Group.Slug == "calorimetry" && m.Person.DisplayName == "Noah Schmidt", TestContext.Current.CancellationToken);

        m1.Tags = [.. m1.Tags, "champion"];
        await db1.SaveChangesAsync(TestContext.Current.CancellationToken);
        m2.Tags = [.. m2.Tags, "software-team"];

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["dataset-team", "champion"], (await h.MembershipAsync("calorimetry", "console:noah"))!.Tags);
    }

    [Fact]
    public async Task Dispatcher_TwoEditsTogether_BothChangesKept()
    {
        await using var h = await CoreHarness.StartAsync();

        // On SQLite the harness shares one in-memory connection, whose async calls complete synchronously, so these two
        // run one after the other; real interleaving is covered by the parallel test and the stale-read tests below.
        var replies = await Task.WhenAll(
            h.SayAsync("console:amara", "/wg edit calorimetry --name \"Calorimetry Benchmark\""),
            h.SayAsync("console:elena", "/wg edit calorimetry --tz Europe/Berlin"));

        Assert.All(replies, r => AssertStatus(ReplyStatus.Ok, r));
        var group = await h.GroupAsync("calorimetry");
        Assert.Equal(("Calorimetry Benchmark", "Europe/Berlin"), (group.Name, group.TimeZone));
    }

    [Fact]
    public async Task Dispatcher_StaleReadOfGroup_RetriesAndKeepsBothEdits()
    {
        var stale = new StaleReadInterceptor();
        await using var h = await CoreHarness.StartAsync(true, s => s.ConfigureDbContext<CollabBotDbContext>(db => db.AddInterceptors(stale)));
        await h.SayAsync("console:amara", "/wg edit calorimetry --description \"Showers, versioned.\"");

        // elena's edit saves as if it had read the group before amara's edit committed (SQLite's write lock makes
        // that impossible in-process; PostgreSQL under read committed allows it). The token must stop the save.
        stale.Arm(1, entry => { });
        var reply = await h.SayAsync("console:elena", "/wg edit calorimetry --name \"Calorimetry Benchmark\"");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal(1, stale.Conflicts);
        var group = await h.GroupAsync("calorimetry");
        Assert.Equal(("Calorimetry Benchmark", "Showers, versioned."), (group.Name, group.Description));
    }

    [Fact]
    public async Task Dispatcher_StaleReadOfTags_RetriesInsteadOfOverwriting()
    {
        var stale = new StaleReadInterceptor();
        await using var h = await CoreHarness.StartAsync(true, s => s.ConfigureDbContext<CollabBotDbContext>(db => db.AddInterceptors(stale)));
        await h.SayAsync("console:amara", "/wg role set calorimetry @noah software-team");

        // elena's role set computed its tags from the list before amara's commit: saving them would drop software-team.
        stale.Arm(1, entry =>
        {
            if (entry.Entity is Membership m)
            {
                m.Tags = ["dataset-team", "champion"];
            }
        });
        var reply = await h.SayAsync("console:elena", "/wg role set calorimetry @noah champion");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal(1, stale.Conflicts);
        Assert.Equal(["dataset-team", "software-team", "champion"], (await h.MembershipAsync("calorimetry", "console:noah"))!.Tags);
    }

    [Fact]
    public async Task Dispatcher_ConflictEveryAttempt_FailsPolitelyAndSavesNothing()
    {
        var stale = new StaleReadInterceptor();
        await using var h = await CoreHarness.StartAsync(true, s => s.ConfigureDbContext<CollabBotDbContext>(db => db.AddInterceptors(stale)));
        await h.SayAsync("console:amara", "/wg edit calorimetry --description \"Bumps the version.\"");
        var before = await h.SnapshotAsync();

        stale.Arm(int.MaxValue, entry => { });
        var reply = await h.SayAsync("console:elena", "/wg edit calorimetry --name \"Never saved\"");

        AssertStatus(ReplyStatus.Failed, reply);
        Assert.Contains("Someone else changed the same thing at the same moment. Nothing was saved", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(3, stale.Conflicts);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Dispatcher_ParallelCommandsOnTheirOwnConnections_LoseNoUpdate()
    {
        if (TestPostgres.Enabled)
        {
            // On PostgreSQL every scope has its own connection and reads commit-by-commit: the real thing.
            await using var h = await CoreHarness.StartAsync();
            await RunInParallelAsync(h.Services);
            return;
        }

        // On SQLite the harness shares one in-memory connection, so use a file with a connection per command.
        await using var file = await SeededFile.CreateAsync();
        var services = new ServiceCollection();
        services.AddCollabBotCore(db => db.UseSqlite(file.ConnectionString));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(CoreHarness.Start));
        services.Configure<BotOptions>(o => o.Admins = [CoreHarness.Admin]);
        await using var provider = services.BuildServiceProvider();
        await RunInParallelAsync(provider);
    }

    /// <summary>
    /// Each command on its own thread, as Slack and Discord requests arrive. At most two others touch the same row
    /// as any one command, so even on PostgreSQL none can meet more conflicts than the dispatcher's three attempts absorb.
    /// </summary>
    private static async Task RunInParallelAsync(IServiceProvider services)
    {
        var dispatcher = services.GetRequiredService<Dispatcher>();
        string[] lines =
        [
            "/wg role set calorimetry @ingrid champion",
            "/wg role set calorimetry @ingrid software-team",
            "/wg role set calorimetry @ingrid liaison:cms",
            "/wg edit calorimetry --name \"Calorimetry Benchmark\"",
            "/wg edit calorimetry --tz Europe/Berlin",
        ];
        var replies = await Task.WhenAll(lines.Select(line => Task.Run(
            () => dispatcher.DispatchTextAsync(Platform.Console, "local", null, new Caller("console:amara"), line, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken)));

        Assert.All(replies, r => AssertStatus(ReplyStatus.Ok, r));
        await using var check = services.CreateAsyncScope();
        var saved = check.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var group = await saved.Groups.SingleAsync(g => g.Slug == "calorimetry", TestContext.Current.CancellationToken);
        Assert.Equal(("Calorimetry Benchmark", "Europe/Berlin"), (group.Name, group.TimeZone));
        var ingrid = await saved.Memberships.SingleAsync(m => m.GroupId == group.Id && m.Person.DisplayName == "Ingrid Halvorsen", TestContext.Current.CancellationToken);
        Assert.Equal(["champion", "liaison:cms", "software-team"], ingrid.Tags.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Simulates a concurrent write between a command's load and its save: once armed, each save of a versioned row
    /// goes out with the version it had before the last committed change (and, through <c>rewind</c>, the values
    /// computed from that older copy), exactly what a command that read before that commit would send.
    /// </summary>
    private sealed class StaleReadInterceptor : SaveChangesInterceptor
    {
        private int remaining;
        private Action<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> rewind = _ => { };
        private int conflicts;

        public int Conflicts => conflicts;

        public void Arm(int saves, Action<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> rewindValues)
        {
            remaining = saves;
            rewind = rewindValues;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var versioned = eventData.Context!.ChangeTracker.Entries().Where(e => e is { State: EntityState.Modified, Entity: IVersioned }).ToList();
            if (remaining > 0 && versioned.Count > 0)
            {
                remaining--;
                foreach (var entry in versioned)
                {
                    var read = entry.Property(nameof(IVersioned.Version));
                    read.OriginalValue = (int)read.OriginalValue! - 1;
                    rewind(entry);
                }
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref conflicts);
            return base.ThrowingConcurrencyExceptionAsync(eventData, result, cancellationToken);
        }
    }
}
