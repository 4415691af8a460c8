using CollabBot.Core.Data;
using CollabBot.Tests.Shared;

namespace CollabBot.IntegrationTests;

/// <summary>Only one instance holds the Discord Gateway: a PostgreSQL advisory lock, freed when its holder goes.</summary>
public sealed class LeaderLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Acquire_OnPostgres_SecondWaitsUntilFirstIsReleased()
    {
        if (!TestPostgres.Enabled)
        {
            Assert.Skip($"Set {TestPostgres.Variable} to a PostgreSQL connection string to run this; .ci/run does.");
        }

        var database = await TestPostgres.CreateAsync(Ct);
        try
        {
            var a = new LeaderLock("Postgres", database, TimeProvider.System);
            var b = new LeaderLock("Postgres", database, TimeProvider.System);
            var name = "test-" + Guid.NewGuid().ToString("N");

            var first = await a.AcquireAsync(name, Ct);
            var second = b.AcquireAsync(name, Ct);
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            Assert.False(second.IsCompleted, "a second instance must not hold the lock while the first does");

            await first.DisposeAsync(); // the holder goes away: its session, and so its lock, ends
            await using var taken = await second.WaitAsync(TimeSpan.FromSeconds(20), Ct);
            Assert.False(taken.Lost.IsCancellationRequested);
        }
        finally
        {
            await TestPostgres.DropAsync(database);
        }
    }

    [Fact]
    public async Task Acquire_OnSqlite_IsImmediateBecauseThereIsOneInstance()
    {
        var lease = await new LeaderLock("Sqlite", "Data Source=x.db", TimeProvider.System).AcquireAsync("discord-gateway", Ct).WaitAsync(TimeSpan.FromSeconds(1), Ct);
        await lease.DisposeAsync();
    }
}
