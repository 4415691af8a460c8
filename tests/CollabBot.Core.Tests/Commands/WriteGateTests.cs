using CollabBot.Core.Data;
using Microsoft.EntityFrameworkCore;
using CollabBot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Core.Tests.Commands;

/// <summary>SQLite writers of one process take turns before <c>BEGIN IMMEDIATE</c>; PostgreSQL writers do not wait here.</summary>
public sealed class WriteGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EnterAsync_OnSqliteWhileATurnIsHeld_WaitsUntilItIsReleased()
    {
        await using var db = Context(o => o.UseSqlite("Data Source=:memory:"));
        var gate = new WriteGate();

        var first = await gate.EnterAsync(db, Ct);
        var second = gate.EnterAsync(db, Ct);
        var waited = !second.IsCompleted;
        first!.Dispose();
        first.Dispose(); // a second release must not let two writers in
        using var turn = await second.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var third = gate.EnterAsync(db, Ct);

        Assert.True(waited, "the second writer went on while the first held its turn");
        Assert.NotNull(turn);
        Assert.False(third.IsCompleted);
    }

    [Fact]
    public async Task EnterAsync_OnPostgres_GivesNoTurn()
    {
        await using var db = Context(o => o.UseNpgsql("Host=127.0.0.1;Port=1;Username=none"));

        var turn = await new WriteGate().EnterAsync(db, Ct);

        Assert.Null(turn);
    }

    private static CollabBotDbContext Context(Action<DbContextOptionsBuilder<CollabBotDbContext>> provider)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        provider(options);
        return new CollabBotDbContext(options.Options, new FakeTimeProvider(CoreHarness.Start));
    }
}
