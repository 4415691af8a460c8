using System.Diagnostics;
using System.Globalization;
using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Reminders;
using CollabBot.IntegrationTests.Support;
using CollabBot.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CollabBot.IntegrationTests;

/// <summary>
/// Several instances on one PostgreSQL database (issue 8): real processes of the built program, a clustered Quartz
/// store, and fake Slack and Discord servers on 127.0.0.1 that record every post and which instance sent it.
/// </summary>
public sealed class ClusterTests
{
    private const int Reminders = 200;
    private static readonly TimeSpan Offset = TimeSpan.FromMinutes(10);

    /// <summary>Posts accepted before one instance is killed: a quarter of the reminders, so the kill lands midway.</summary>
    private const int KillAfterPosts = Reminders / 4;

    /// <summary>Reminders whose jobs are kept from finishing until the kill (see <see cref="PinAsync"/>): about 5 per instance.</summary>
    private const int PinnedEvery = 13;

    /// <summary>
    /// Posts the victim gets answered before the fake holds the rest: it dies waiting on the answer to the next one,
    /// which the platform has accepted (issue 17: the window between a platform accepting a post and the row being
    /// marked sent; the survivor that takes the lapsed claim over must find it - Slack metadata in conversations.history,
    /// Discord's enforce_nonce - rather than post it again).
    /// </summary>
    private const int VictimPostsBeforeHold = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Expected(string Platform, string Channel, string Title, string DedupeKey);

    [Fact]
    public async Task Reminders_ThreeInstancesOneKilledMidway_EachPostedExactlyOnce()
    {
        if (!TestPostgres.Enabled)
        {
            Assert.Skip($"Set {TestPostgres.Variable} to a PostgreSQL connection string to run this; .ci/run does.");
        }

        var clock = Stopwatch.StartNew();
        var timeline = new StringBuilder();
        void Mark(string what) => timeline.AppendLine(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

        var work = Directory.CreateTempSubdirectory("collabbot-cluster-");
        var database = await TestPostgres.CreateAsync(Ct);
        await using var fake = await FakePlatforms.StartAsync(Ct);
        var instances = new List<ServiceInstance>();
        var passed = false;
        try
        {
            var migrated = await ProgramProcess.RunAsync(work.FullName, ["migrate", "--Database:Provider=Postgres", $"--ConnectionStrings:CollabBot={database}"], Ct);
            Assert.True(migrated.ExitCode == 0, migrated.ToString());

            // Every reminder falls due at the same minute boundary, at least 25 s from now, so that the instances are
            // running, with their triggers planned, when the burst comes.
            var now = TimeProvider.System.GetUtcNow();
            var dueAt = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(now.Second >= 35 ? 2 : 1);
            var expected = await InsertRemindersAsync(database, dueAt + Offset);
            Mark($"migrated {new NpgsqlConnectionStringBuilder(database).Database}; {Reminders} one-off meetings in {Reminders} groups, "
                + $"{expected.Count(e => e.Platform == "slack")} linked to Slack and {expected.Count(e => e.Platform == "discord")} to Discord; all reminders due at {dueAt:HH:mm:ss} UTC");

            string[] names = ["i1", "i2", "i3"];
            var victim = names[1];
            fake.Hold(victim, afterAccepting: VictimPostsBeforeHold, acceptHeld: true);
            var pinned = await PinAsync(database, expected.Where((_, i) => i % PinnedEvery == 0).Select(e => e.DedupeKey));
            DateTimeOffset killedAt;
            await using (pinned)
            {
                foreach (var name in names)
                {
                    instances.Add(ServiceInstance.Start(name, work.FullName,
                    [
                        "--Database:Provider=Postgres",
                        $"--ConnectionStrings:CollabBot={new NpgsqlConnectionStringBuilder(database) { ApplicationName = ApplicationName(name) }}",
                        "--Scheduler:Clustered=true",
                        $"--Slack:BotToken={FakePlatforms.SlackBotToken}",
                        $"--Slack:ApiBaseUrl={fake.SlackApiBaseUrl(name)}",
                        $"--Discord:BotToken={FakePlatforms.DiscordBotToken}",
                        $"--Discord:ApiBaseUrl={fake.DiscordApiBaseUrl(name)}",
                    ]));
                }

                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                await Task.WhenAll(instances.Select(i => i.WaitReadyAsync(http, TimeSpan.FromSeconds(60), Ct)));
                Mark("three instances ready: " + string.Join(", ", instances.Select(i => $"{i.Name} at {i.BaseUrl} (Quartz {i.QuartzInstanceId})")));

                // Midway through the burst the victim dies with work in hand of every kind the others must take over:
                // a post the platform accepted but whose answer it never got (its outbox row claimed under a lease, not
                // marked sent), reminder jobs that fired but have not finished, and perhaps triggers it acquired but had
                // not fired yet.
                var killed = instances.Single(i => i.Name == victim);
                await using var probe = new NpgsqlConnection(database);
                await probe.OpenAsync(Ct);
                var ready = await PollAsync(
                    async () => fake.Posts.Count >= KillAfterPosts && fake.Held(victim) > 0 && await BlockedJobsAsync(probe, victim) > 0,
                    dueAt + TimeSpan.FromSeconds(60));
                var inHand = $"{fake.Held(victim)} held post, {await BlockedJobsAsync(probe, victim)} unfinished reminder job(s), Quartz: {await QuartzWorkAsync(probe, killed.QuartzInstanceId)}";
                var postsAtKill = fake.Posts.Count;
                await killed.KillAsync();
                killedAt = TimeProvider.System.GetUtcNow();
                Mark(fake.Posts.Count > 0 ? $"first post {(fake.Posts[0].At - dueAt).TotalSeconds:+0.000;-0.000} s from due" : "no post yet");
                Mark($"killed {victim} (SIGKILL) {(killedAt - dueAt).TotalSeconds:+0.000} s from due, {postsAtKill} of {Reminders} posted; it had in hand: {inHand}"
                    + (ready ? "" : " (the wait for all of these timed out; killed anyway)"));

                // PostgreSQL notices a dead client only when it next answers it: a statement waiting on a lock still
                // runs, and commits, once the lock goes. End the victim's sessions first, as a server with
                // client_connection_check_interval does, so that the jobs the victim had not finished stay unfinished.
                await using (var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @app", probe))
                {
                    terminate.Parameters.AddWithValue("app", ApplicationName(victim));
                    await terminate.ExecuteScalarAsync(Ct);
                }
            }

            // The survivors take over: Quartz recovers the victim's triggers and jobs once its check-ins stop (~20 s),
            // and its claimed outbox row falls due again when the 2-minute lease runs out.
            var complete = await PollAsync(
                () => Task.FromResult(fake.Posts.Select(p => (p.Platform, p.Channel)).ToHashSet() is var seen && expected.All(e => seen.Contains((e.Platform, e.Channel)))),
                killedAt + OutboxDelivery.Lease + TimeSpan.FromSeconds(60));
            Mark(complete
                ? $"every reminder posted, the last {(fake.Posts.Max(p => p.At) - dueAt).TotalSeconds:+0.000} s from due"
                : $"gave up waiting for every reminder {OutboxDelivery.Lease.TotalSeconds + 60:0} s after the kill");

            // The victim's held post reached the platform, so every reminder is seen at once; its row is still claimed
            // until the lease runs out, when a survivor must find the post (Slack metadata, Discord nonce) and mark the
            // row sent instead of posting again. Wait for that, then an outbox poll more: a second copy would come from
            // a row still pending somewhere.
            var settled = await PollAsync(
                async () => (await LedgerAsync(database)).Counts == $"{Reminders} sent",
                killedAt + OutboxDelivery.Lease + TimeSpan.FromSeconds(60));
            Mark(settled ? "every outbox row sent" : $"rows still pending {OutboxDelivery.Lease.TotalSeconds + 60:0} s after the kill");
            await Task.Delay(Scheduling.OutboxWorker.PollInterval + TimeSpan.FromSeconds(2), Ct);
            var ledger = await LedgerAsync(database);
            var posts = fake.Posts;
            var problems = new List<string>();
            foreach (var e in expected)
            {
                var here = posts.Where(p => p.Platform == e.Platform && p.Channel == e.Channel).ToList();
                if (here.Count != 1)
                {
                    problems.Add($"{e.Platform} channel {e.Channel} ({e.Title}) got {here.Count} posts: {string.Join(", ", here.Select(p => $"{p.Instance} at {p.At:HH:mm:ss.fff}"))}");
                }
                else if (!here[0].Body.Contains(e.Title, StringComparison.Ordinal))
                {
                    problems.Add($"{e.Platform} channel {e.Channel} got a post without '{e.Title}': {here[0].Body}");
                }
            }

            problems.AddRange(posts.Where(p => !expected.Any(e => e.Platform == p.Platform && e.Channel == p.Channel)).Select(p => $"a post to an unexpected {p.Platform} channel {p.Channel} from {p.Instance}"));
            problems.AddRange(fake.Unexpected.Select(u => "unexpected request: " + u));
            if (ledger.Counts != $"{Reminders} sent")
            {
                problems.Add($"outbox ledger for reminders: {ledger.Counts} (expected {Reminders} sent and nothing else)");
            }

            Mark($"posts by instance: {string.Join(", ", posts.GroupBy(p => p.Instance).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}");
            Mark($"ledger: {ledger.Counts}; {ledger.Lateness}");
            TestContext.Current.TestOutputHelper?.WriteLine(timeline.ToString());
            if (problems.Count > 0)
            {
                Assert.Fail($"{problems.Count} problem(s):\n{string.Join('\n', problems.Take(40))}\n\nTimeline:\n{timeline}\n{string.Join("\n\n", instances.Select(i => i.Tail()))}");
            }

            passed = true;
        }
        finally
        {
            await CleanUpAsync(instances, database, work, passed);
        }
    }

    [Fact]
    public async Task Serve_ThreeInstancesStartedTogetherOnEmptyDatabase_OneSeedsAndAllBecomeReady()
    {
        if (!TestPostgres.Enabled)
        {
            Assert.Skip($"Set {TestPostgres.Variable} to a PostgreSQL connection string to run this; .ci/run does.");
        }

        var work = Directory.CreateTempSubdirectory("collabbot-cluster-");
        var database = await TestPostgres.CreateAsync(Ct);
        var instances = new List<ServiceInstance>();
        var passed = false;
        try
        {
            // As a deployment brings up its instances: all at once, on a database nobody migrated.
            foreach (var name in new[] { "s1", "s2", "s3" })
            {
                instances.Add(ServiceInstance.Start(name, work.FullName, ["--Database:Provider=Postgres", $"--ConnectionStrings:CollabBot={database}", "--Scheduler:Clustered=true"]));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Task.WhenAll(instances.Select(i => i.WaitReadyAsync(http, TimeSpan.FromSeconds(60), Ct)));

            // (The instance that migrates logs two failed history-table queries from inside EF's MigrateAsync on a
            // new PostgreSQL database even when it starts alone; those are not what this test is about.)
            var seeded = instances.Count(i => i.Tail(int.MaxValue).Contains("Seeded ", StringComparison.Ordinal));
            var collided = instances.Count(i => i.Tail(int.MaxValue).Contains("23505", StringComparison.Ordinal));
            Assert.True(seeded == 1 && collided == 0,
                $"{seeded} instance(s) seeded the database (expected one); {collided} hit a unique key.\n\n{string.Join("\n\n", instances.Select(i => i.Tail()))}");
            passed = true;
        }
        finally
        {
            await CleanUpAsync(instances, database, work, passed);
        }
    }

    /// <summary>One working group per reminder, each with one channel (Slack and Discord alternately) and one one-off meeting.</summary>
    private static async Task<IReadOnlyList<Expected>> InsertRemindersAsync(string database, DateTimeOffset start)
    {
        await using var db = Context(database);
        var now = TimeProvider.System.GetUtcNow();
        var series = new List<(MeetingSeries Series, ChannelLink Link)>();
        for (var i = 1; i <= Reminders; i++)
        {
            var n = i.ToString("D3", CultureInfo.InvariantCulture);
            var link = i % 2 == 0
                ? new ChannelLink { Platform = "slack", Tenant = "T0TEST", ChannelId = $"C0CLUSTER{n}", ChannelName = $"cluster-{n}", LinkedAt = now }
                : new ChannelLink { Platform = "discord", Tenant = "1000000000000000001", ChannelId = $"1300000000000000{n}", ChannelName = $"cluster-{n}", LinkedAt = now };
            var group = new WorkingGroup { Slug = $"cluster-{n}", Name = $"Cluster {n}", TimeZone = "UTC", CreatedAt = now, ChannelLinks = [link] };
            var meeting = new MeetingSeries
            {
                Group = group,
                Slug = "sync",
                Title = $"Cluster check {n}",
                StartLocal = start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                TimeZone = "UTC",
                ReminderOffsets = $"{Offset.TotalMinutes}m",
                CreatedAt = now,
            };
            db.MeetingSeries.Add(meeting);
            series.Add((meeting, link));
        }

        await db.SaveChangesAsync(Ct);

        // The ledger's key for each (occurrence, offset, channel), as ReminderService writes it.
        return [.. series.Select(s => new Expected(s.Link.Platform, s.Link.ChannelId, s.Series.Title,
            $"reminder:{new DueReminder(s.Series.Id, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start, Offset).Key}:{s.Link.Platform}:{s.Link.Tenant}:{s.Link.ChannelId}"))];
    }

    /// <summary>
    /// Keeps the reminder jobs for these ledger keys from finishing, wherever they run: an open transaction holds
    /// uncommitted rows under the same unique keys, so each such job waits in its insert. Disposing rolls back and
    /// lets them go. With this the victim is killed while jobs of its are mid-way, which only Quartz's recovery of
    /// a job that requests it can make up for.
    /// </summary>
    private static async Task<IAsyncDisposable> PinAsync(string database, IEnumerable<string> dedupeKeys)
    {
        var db = Context(database);
        var transaction = await db.Database.BeginTransactionAsync(Ct);
        var now = TimeProvider.System.GetUtcNow();
        db.OutboundMessages.AddRange(dedupeKeys.Select(key => new OutboundMessage
        {
            Platform = "test",
            Tenant = "",
            Target = "",
            Body = "{}",
            DedupeKey = key,
            Status = OutboundStatus.Failed,
            CreatedAt = now,
            NextAttemptAt = now,
        }));
        await db.SaveChangesAsync(Ct);
        return new Pin(db, transaction);
    }

    private sealed class Pin(CollabBotDbContext db, IDbContextTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await transaction.DisposeAsync();
            await db.DisposeAsync();
        }
    }

    /// <summary>An instance's reminder jobs waiting in the insert that queues their messages.</summary>
    private static async Task<long> BlockedJobsAsync(NpgsqlConnection connection, string instance)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = @app AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO outbound_messages%'", connection);
        command.Parameters.AddWithValue("app", ApplicationName(instance));
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>What an instance holds in the clustered store: its fired triggers by state (acquired, executing).</summary>
    private static async Task<string> QuartzWorkAsync(NpgsqlConnection connection, string? quartzInstance)
    {
        await using var command = new NpgsqlCommand("SELECT state, count(*) FROM qrtz_fired_triggers WHERE instance_name = @instance GROUP BY state ORDER BY state", connection);
        command.Parameters.AddWithValue("instance", quartzInstance ?? "");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var parts = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            parts.Add($"{reader.GetInt64(1)} {reader.GetString(0).ToLowerInvariant()}");
        }

        return parts.Count == 0 ? "no fired triggers" : string.Join(", ", parts) + " trigger(s)";
    }

    /// <summary>
    /// The reminder rows of the outbox counted by status ("200 sent" when every reminder went out once), and how late
    /// after its due time each was queued (its job ran) and sent (the platform accepted it).
    /// </summary>
    private static async Task<(string Counts, string Lateness)> LedgerAsync(string database)
    {
        await using var db = Context(database);
        var rows = await db.OutboundMessages.Where(m => m.DedupeKey != null && m.DedupeKey.StartsWith("reminder:"))
            .Select(m => new { m.Status, m.DedupeKey, m.DueAt, m.CreatedAt, m.SentAt }).ToListAsync(Ct);
        var counts = string.Join(", ", rows.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));

        static string Spread(IEnumerable<TimeSpan> lateness)
        {
            var sorted = lateness.Select(t => t.TotalSeconds).Order().ToList();
            return sorted.Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"median {sorted[sorted.Count / 2]:0.000} s, max {sorted[^1]:0.000} s");
        }

        var queued = Spread(rows.Select(r => r.CreatedAt - r.DueAt!.Value));
        var sent = Spread(rows.Where(r => r.SentAt is not null).Select(r => r.SentAt!.Value - r.DueAt!.Value));
        return (counts, $"queued after due: {queued}; sent after due: {sent}");
    }

    private static CollabBotDbContext Context(string database)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, "Postgres", database);
        return new CollabBotDbContext(options.Options);
    }

    /// <summary>Stops what is still running and drops the database; the instances' logs stay on disk when the test failed.</summary>
    private static async Task CleanUpAsync(List<ServiceInstance> instances, string database, DirectoryInfo work, bool passed)
    {
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }

        await TestPostgres.DropAsync(database);
        if (passed)
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>How an instance's database sessions are named, so the test can see what they wait on.</summary>
    private static string ApplicationName(string instance) => "collabbot-" + instance;

    /// <summary>Waits until <paramref name="condition"/> holds (true) or <paramref name="deadline"/> passes (false).</summary>
    private static async Task<bool> PollAsync(Func<Task<bool>> condition, DateTimeOffset deadline)
    {
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), Ct);
        }

        return true;
    }
}
