using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.ReadModel;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Commands;

/// <summary>
/// The read model (issue 17): cached read replies under the data version that every committing change bumps. On
/// SQLite the harness's instances share one in-memory database; with COLLABBOT_TEST_POSTGRES set, the same tests run
/// on PostgreSQL, where <see cref="CoreHarness.AnotherInstance"/> is a second instance with its own connections and
/// its own cache, as a second process would be.
/// </summary>
public sealed class ReadModelTests
{
    private const string Amara = "console:amara";
    private const string Noah = "console:noah";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WgListAndInfo_RepeatedRead_ServedFromCache()
    {
        await using var h = await CoreHarness.StartAsync();

        var list = await h.SayAsync(Amara, "/wg list");
        var info = await h.SayAsync(Amara, "/wg info calorimetry");

        Assert.Same(list, await h.SayAsync(Amara, "/wg list"));
        Assert.Same(info, await h.SayAsync(Amara, "/wg info calorimetry"));
        Assert.NotSame(info, await h.SayAsync(Amara, "/wg info calorimetry --public"));
    }

    [Fact]
    public async Task WgList_ChangeThroughDispatcher_VisibleToVeryNextRead()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SayAsync(Amara, "/wg list");
        Assert.Same(before, await h.SayAsync(Amara, "/wg list"));

        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync(CoreHarness.Admin, "/wg create read-model \"Read Model\" --kind area")).Status);

        var after = await h.SayAsync(Amara, "/wg list");
        Assert.DoesNotContain("read-model", before.Plain, StringComparison.Ordinal);
        Assert.Contains("read-model — Read Model", after.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WgInfo_ChangeOutsideDispatcher_VisibleToVeryNextRead()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SayAsync(Amara, "/wg info calorimetry");
        Assert.Same(before, await h.SayAsync(Amara, "/wg info calorimetry"));

        // A background job, an API write or a webhook saves through its own DbContext, not the dispatcher.
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            var group = await db.Groups.SingleAsync(g => g.Slug == "calorimetry", Ct);
            group.Description = "Rewritten by a background job.";
            await db.SaveChangesAsync(Ct);
        }

        var after = await h.SayAsync(Amara, "/wg info calorimetry");
        Assert.Contains("Rewritten by a background job.", after.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WgInfo_ChangeOnAnotherInstance_VisibleToVeryNextRead()
    {
        await using var h = await CoreHarness.StartAsync();
        await using var other = h.AnotherInstance();
        var otherDispatcher = other.GetRequiredService<Dispatcher>();
        var before = await h.SayAsync(Noah, "/wg info calorimetry");
        Assert.Same(before, await h.SayAsync(Noah, "/wg info calorimetry"));
        Assert.Contains("Members: 6", before.Plain, StringComparison.Ordinal);

        var joined = await otherDispatcher.DispatchTextAsync(Platform.Console, "local", null, new Caller("console:newcomer"), "/wg join calorimetry", Ct);
        Assert.Equal(ReplyStatus.Ok, joined.Status);

        var after = await h.SayAsync(Noah, "/wg info calorimetry");
        Assert.Contains("Members: 7", after.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataVersion_Commits_BumpedOncePerCommitAndNotByReadsOrRollbacks()
    {
        await using var h = await CoreHarness.StartAsync();
        var versions = h.Services.GetRequiredService<DataVersions>();
        var start = await versions.ReadAsync(Ct);
        Assert.NotNull(start);

        await h.SayAsync(Amara, "/wg list");
        await h.SayAsync(Amara, "/wg info calorimetry");
        Assert.Equal(start, await versions.ReadAsync(Ct));

        await h.SayAsync(Amara, "/wg join tracking");
        Assert.Equal(start + 1, await versions.ReadAsync(Ct));

        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
            {
                (await db.Groups.SingleAsync(g => g.Slug == "calorimetry", Ct)).Description = "never committed";
                await db.SaveChangesAsync(Ct);
                await transaction.RollbackAsync(Ct);
            }

            Assert.Equal(start + 1, await versions.ReadAsync(Ct));
        }

        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();

            // Two saves in one transaction: one bump, at the commit.
            await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
            {
                (await db.Groups.SingleAsync(g => g.Slug == "calorimetry", Ct)).Description = "first";
                await db.SaveChangesAsync(Ct);
                (await db.Groups.SingleAsync(g => g.Slug == "calorimetry", Ct)).Name = "second";
                await db.SaveChangesAsync(Ct);
                Assert.Equal(start + 1, await versions.ReadAsync(Ct));
                await transaction.CommitAsync(Ct);
            }
        }

        Assert.Equal(start + 2, await versions.ReadAsync(Ct));
    }

    [Fact]
    public async Task DataVersion_OutboxRowsOnly_NotBumped()
    {
        await using var h = await CoreHarness.StartAsync();
        var versions = h.Services.GetRequiredService<DataVersions>();
        var start = await versions.ReadAsync(Ct);

        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            var message = new OutboundMessage { Platform = "console", Tenant = "local", Target = "general", Body = "{}", CreatedAt = h.Clock.GetUtcNow(), NextAttemptAt = h.Clock.GetUtcNow() };
            db.OutboundMessages.Add(message);
            await db.SaveChangesAsync(Ct);
            message.SentAt = h.Clock.GetUtcNow();
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(start, await versions.ReadAsync(Ct));

        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            db.OutboundMessages.Add(new OutboundMessage { Platform = "console", Tenant = "local", Target = "general", Body = "{}", CreatedAt = h.Clock.GetUtcNow(), NextAttemptAt = h.Clock.GetUtcNow() });
            (await db.Groups.SingleAsync(g => g.Slug == "calorimetry", Ct)).Description = "with a post";
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(start + 1, await versions.ReadAsync(Ct));
    }

    [Fact]
    public async Task ReplyCache_DifferentCallers_NeverShareAReply()
    {
        await using var h = await CoreHarness.StartAsync();
        var amara = await h.SayAsync(Amara, "/wg info calorimetry");
        var noah = await h.SayAsync(Noah, "/wg info calorimetry");
        var admin = await h.SayAsync(CoreHarness.Admin, "/wg info calorimetry");

        // The same text today (wg info shows everyone the same), but each caller's reply is made and kept for them alone,
        // so a command whose reply does depend on the caller's roles or visibility can never leak one caller's view to another.
        Assert.Equal(amara.Plain, noah.Plain);
        Assert.NotSame(amara, noah);
        Assert.NotSame(noah, admin);
        Assert.Same(amara, await h.SayAsync(Amara, "/wg info calorimetry"));
        Assert.Same(noah, await h.SayAsync(Noah, "/wg info calorimetry"));

        var cache = h.Services.GetRequiredService<ReplyCache>();
        var command = h.Dispatcher.Catalog.Find("wg info")!;
        var arguments = new ArgumentBag().Set("wg", "calorimetry");
        var forAmara = await cache.LookUpAsync(new Invocation(Platform.Console, "local", null, new Caller(Amara), command, arguments), Ct);
        var forStranger = await cache.LookUpAsync(new Invocation(Platform.Console, "local", null, new Caller("console:stranger"), command, arguments), Ct);
        var inSlack = await cache.LookUpAsync(new Invocation(Platform.Slack, "local", null, new Caller(Amara), command, arguments), Ct);
        var inChannel = await cache.LookUpAsync(new Invocation(Platform.Console, "local", "C1", new Caller(Amara), command, arguments), Ct);
        Assert.Same(amara, forAmara.Hit?.Reply);
        Assert.Null(forStranger.Hit);
        Assert.Null(inSlack.Hit);
        Assert.Null(inChannel.Hit);
    }

    [Fact]
    public async Task ReplyCache_RefusalsAndChanges_NotCached()
    {
        await using var h = await CoreHarness.StartAsync();

        var missing = await h.SayAsync(Amara, "/wg info no-such-group");
        Assert.Equal(ReplyStatus.NotFound, missing.Status);
        Assert.NotSame(missing, await h.SayAsync(Amara, "/wg info no-such-group"));

        var cache = h.Services.GetRequiredService<ReplyCache>();
        Assert.Contains("wg list", cache.CachedCommands);
        Assert.Contains("wg info", cache.CachedCommands);
        Assert.All(cache.CachedCommands, key => Assert.Equal(CommandKind.Read, h.Dispatcher.Catalog.Find(key)!.Kind));
    }

    [Fact]
    public void Normalise_SameArgumentsAnyOrder_SameKey()
    {
        var a = new ArgumentBag().Set("wg", "calorimetry").Set("public", true);
        var b = new ArgumentBag().Set("public", true).Set("wg", "calorimetry");
        var c = new ArgumentBag().Set("wg", "calorimetry=x").Set("public", true);

        Assert.Equal(ReplyCache.Normalise(a), ReplyCache.Normalise(b));
        Assert.NotEqual(ReplyCache.Normalise(a), ReplyCache.Normalise(c));
        Assert.Equal("", ReplyCache.Normalise(ArgumentBag.Empty));
    }
}
