using CollabBot.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Tests.Data;

/// <summary>
/// A compiled query is compiled once per EF model: contexts of one model share it, a context of another model (the
/// other provider, or a model built at run time beside the compiled one) gets its own, so no context ever runs an
/// executor EF compiled for another model.
/// </summary>
public sealed class CompiledPerModelTests
{
    [Fact]
    public void For_SameModelSharesOneCompilation_AnotherModelGetsItsOwn()
    {
        var compiled = 0;
        var query = new CompiledPerModel<object>(() => new object[] { Interlocked.Increment(ref compiled) });
        using var configured = Context(o => DatabaseSetup.Configure(o, "Sqlite", "Data Source=:memory:"));
        using var again = Context(o => DatabaseSetup.Configure(o, "Sqlite", "Data Source=:memory:"));
        using var runtime = Context(o => o.UseSqlite("Data Source=:memory:"));

        var first = query.For(configured);

        Assert.Same(first, query.For(again));
        Assert.NotSame(configured.Model, runtime.Model);
        Assert.NotSame(first, query.For(runtime));
        Assert.Equal(2, compiled);
    }

    private static CollabBotDbContext Context(Action<DbContextOptionsBuilder> configure)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        configure(options);
        return new CollabBotDbContext(options.Options);
    }
}
