using System.Text.Json;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

/// <summary>Every change writes audit rows in the same transaction; a refused or invalid command writes none beyond the caller's first sight.</summary>
public sealed class AuditTests
{
    [Fact]
    public async Task Edit_Name_WritesAuditWithActorPlatformCommandAndOldAndNew()
    {
        await using var h = await CoreHarness.StartAsync();
        var last = await h.LastAuditIdAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        const string line = "/wg edit calorimetry --name \"Calorimetry Benchmark\"";

        await h.SayAsync("console:amara", line);

        var entry = Assert.Single(await h.AuditAfterAsync(last));
        var group = await h.GroupAsync("calorimetry");
        Assert.Equal(
            ("console:amara", "console", line, "WorkingGroup", group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Modified", h.Clock.GetUtcNow()),
            (entry.Actor, entry.Platform, entry.Command, entry.Entity, entry.EntityKey, entry.Action, entry.At));
        var changes = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(entry.Changes)!;
        Assert.Equal(["Name"], changes.Keys);
        Assert.Equal("Calorimetry Dataset", changes["Name"][0].GetString());
        Assert.Equal("Calorimetry Benchmark", changes["Name"][1].GetString());
    }

    [Fact]
    public async Task Edit_SeveralFields_OneRowWithEachOldAndNew()
    {
        await using var h = await CoreHarness.StartAsync();
        var last = await h.LastAuditIdAsync();

        await h.SayAsync("console:elena", "/wg edit fast-simulation --open --tz UTC");

        var entry = Assert.Single(await h.AuditAfterAsync(last));
        var changes = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(entry.Changes)!;
        Assert.Equal(["IsOpen", "TimeZone"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((false, true), (changes["IsOpen"][0].GetBoolean(), changes["IsOpen"][1].GetBoolean()));
        Assert.Equal(("Europe/Berlin", "UTC"), (changes["TimeZone"][0].GetString(), changes["TimeZone"][1].GetString()));
    }

    [Fact]
    public async Task Approve_WritesARowForEveryEntityItTouched()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:newcomer", "/wg join fast-simulation");
        var last = await h.LastAuditIdAsync();

        await h.SayAsync("console:hiroshi", "/wg approve fast-simulation @newcomer");

        var rows = await h.AuditAfterAsync(last);
        Assert.Equal([("JoinRequest", "Modified"), ("Membership", "Added")], rows.Select(r => (r.Entity, r.Action)).Order());
        Assert.All(rows, r => Assert.Equal(("console:hiroshi", "console", "/wg approve fast-simulation @newcomer"), (r.Actor, r.Platform, r.Command)));
        var membership = await h.MembershipAsync("fast-simulation", "console:newcomer");
        Assert.Equal(membership!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.Single(r => r.Entity == "Membership").EntityKey);
        var requestChange = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(rows.Single(r => r.Entity == "JoinRequest").Changes)!;
        Assert.Equal(("Pending", "Approved"), (requestChange["Status"][0].GetString(), requestChange["Status"][1].GetString()));
    }

    [Fact]
    public async Task Leave_AuditShowsEndedAtSetNotADelete()
    {
        await using var h = await CoreHarness.StartAsync();
        var last = await h.LastAuditIdAsync();

        await h.SayAsync("console:noah", "/wg leave calorimetry");

        var entry = Assert.Single(await h.AuditAfterAsync(last));
        Assert.Equal(("Membership", "Modified"), (entry.Entity, entry.Action));
        var changes = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(entry.Changes)!;
        Assert.Equal(["EndedAt"], changes.Keys);
        Assert.Equal(JsonValueKind.Null, changes["EndedAt"][0].ValueKind);
    }

    [Fact]
    public async Task Rejoin_ReopenedMembershipAuditedUnderItsOwnKeyWithTheWelcomeInTheSameSave()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:noah", "/wg leave calorimetry");
        var left = h.Clock.GetUtcNow();
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var last = await h.LastAuditIdAsync();
        var queuedBefore = await h.QueryAsync(db => db.OutboundMessages.CountAsync(TestContext.Current.CancellationToken));

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:noah", "/wg join calorimetry"));

        // The reopened row's key and values are known before the save, so its audit is written in the same save.
        var entry = Assert.Single(await h.AuditAfterAsync(last));
        var membership = await h.MembershipAsync("calorimetry", "console:noah");
        Assert.Equal(("Membership", "Modified", membership!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "/wg join calorimetry"),
            (entry.Entity, entry.Action, entry.EntityKey, entry.Command));
        var changes = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(entry.Changes)!;
        Assert.Equal(JsonValueKind.Null, changes["EndedAt"][1].ValueKind);
        Assert.NotEqual(JsonValueKind.Null, changes["EndedAt"][0].ValueKind);
        Assert.Contains("JoinedAt", changes.Keys);
        Assert.Null(membership.EndedAt);
        Assert.True(membership.JoinedAt > left);
        Assert.True(await h.QueryAsync(db => db.OutboundMessages.CountAsync(TestContext.Current.CancellationToken)) > queuedBefore, "the welcome was not queued");
    }

    [Fact]
    public async Task RoleSet_AuditShowsTagListsBeforeAndAfter()
    {
        await using var h = await CoreHarness.StartAsync();
        var last = await h.LastAuditIdAsync();

        await h.SayAsync("console:amara", "/wg role set calorimetry @noah champion");

        var entry = Assert.Single(await h.AuditAfterAsync(last));
        var changes = JsonSerializer.Deserialize<Dictionary<string, string[][]>>(entry.Changes)!;
        Assert.Equal(["dataset-team"], changes["Tags"][0]);
        Assert.Equal(["dataset-team", "champion"], changes["Tags"][1]);
    }

    [Fact]
    public async Task ConvenerAdd_AuditNamesTheRolesNotTheirNumbers()
    {
        await using var h = await CoreHarness.StartAsync();
        var last = await h.LastAuditIdAsync();

        await h.SayAsync("console:amara", "/wg convener add calorimetry @noah");

        var entry = Assert.Single(await h.AuditAfterAsync(last));
        Assert.Equal("{\"Role\":[\"Member\",\"Convener\"]}", entry.Changes);
    }

    [Fact]
    public async Task NewCaller_Change_AuditsTheirFirstSightToo()
    {
        await using var h = await CoreHarness.StartAsync();
        var last = await h.LastAuditIdAsync();

        await h.SayAsync("console:newcomer", "/wg join calorimetry");

        var rows = await h.AuditAfterAsync(last);
        Assert.Equal([("Identity", "Added"), ("Membership", "Added"), ("Person", "Added")], rows.Select(r => (r.Entity, r.Action)).Order());
        Assert.All(rows, r => Assert.Equal("console:newcomer", r.Actor));
        Assert.All(rows, r => Assert.NotEqual("0", r.EntityKey));
    }

    [Fact]
    public async Task Seed_AuditIsAttributedToTheSeedFile()
    {
        await using var h = await CoreHarness.StartAsync();

        var actors = await h.QueryAsync(db => db.Audit.Select(a => new { a.Actor, a.Platform }).Distinct().ToListAsync());

        Assert.Equal([new { Actor = "seed:community.yaml", Platform = "seed" }], actors);
    }

    public static TheoryData<string, string> RefusedOrInvalidByKnownCaller => new()
    {
        { "console:noah", "/wg edit calorimetry --name \"Mine now\"" },
        { "console:amara", "/wg archive calorimetry" },
        { "console:amara", "/wg edit calorimetry --open --closed" },
        { "console:amara", "/wg edit calorimetry" },
        { "console:amara", "/wg edit calorimetry --tz Mars/Base" },
        { "console:priya", "/wg leave lartpc" },
        { "console:grace", "/wg leave calorimetry" },
        { "console:amara", "/wg remove calorimetry @grace" },
        { "console:amara", "/wg role clear calorimetry @noah champion" },
        { "console:amara", "/wg unlink calorimetry" },
        { "console:amara", "/profile set --orcid 0000-0002-1825-0098" },
        { "console:amara", "/profile set" },
        { CoreHarness.Admin, "/wg create calorimetry \"Again\"" },
        { CoreHarness.Admin, "/wg convener remove lartpc @priya" },
    };

    [Theory]
    [MemberData(nameof(RefusedOrInvalidByKnownCaller))]
    public async Task RefusedOrInvalid_KnownCaller_WritesNoAudit(string caller, string line)
    {
        await using var h = await CoreHarness.StartAsync();
        var last = await h.LastAuditIdAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync(caller, line);

        Assert.True(reply.Status is ReplyStatus.Refused or ReplyStatus.Invalid or ReplyStatus.NotFound, reply.Plain);
        Assert.Empty(await h.AuditAfterAsync(last));
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [InlineData("/wg edit calorimetry --name \"Mine now\"")]
    [InlineData("/wg create quantum \"Quantum\"")]
    [InlineData("/wg leave calorimetry")]
    [InlineData("/profile set --name \"\"")]
    public async Task RefusedOrInvalid_NewCaller_AuditsOnlyTheirFirstSight(string line)
    {
        await using var h = await CoreHarness.StartAsync();
        var last = await h.LastAuditIdAsync();

        var reply = await h.SayAsync("console:stranger", line);

        Assert.True(reply.Status is ReplyStatus.Refused or ReplyStatus.Invalid, reply.Plain);
        var rows = await h.AuditAfterAsync(last);
        Assert.All(rows, r => Assert.Equal(("console:stranger", "Added"), (r.Actor, r.Action)));
        Assert.Equal(["Identity", "Person"], rows.Select(r => r.Entity).Order(StringComparer.Ordinal));
        Assert.Contains("console:stranger", rows.Single(r => r.Entity == "Identity").Changes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("console:amara", "/wg remove calorimetry @ghost")]
    [InlineData("console:amara", "/wg role set calorimetry @ghost champion")]
    [InlineData("console:amara", "/wg role clear calorimetry @ghost champion")]
    [InlineData("console:elena", "/wg approve fast-simulation @ghost")]
    [InlineData("console:elena", "/wg deny fast-simulation @ghost")]
    [InlineData(CoreHarness.Admin, "/wg convener remove calorimetry @ghost")]
    public async Task Invalid_MentioningSomeoneNeverSeen_CreatesNoPersonAndNoAudit(string caller, string line)
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync(caller, line);

        Assert.True(reply.Status is ReplyStatus.Invalid or ReplyStatus.NotFound, reply.Plain);
        Assert.Null(await h.PersonAsync("console:ghost"));
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Invalid_NewCallerMentioningSomeoneNeverSeen_KeepsOnlyTheCaller()
    {
        await using var h = await CoreHarness.StartAsync(true, "console:newadmin");

        var reply = await h.SayAsync("console:newadmin", "/wg convener remove calorimetry @ghost");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.NotNull(await h.PersonAsync("console:newadmin"));
        Assert.Null(await h.PersonAsync("console:ghost"));
    }

    [Fact]
    public async Task Platform_IsRecordedAsTheCallerPlatform()
    {
        await using var h = await CoreHarness.StartAsync();
        var last = await h.LastAuditIdAsync();

        await h.Dispatcher.DispatchTextAsync(Platform.Slack, "T0DEMO", "C0CALO0001", new Caller("slack:T0DEMO:U0AMARA01"), "/wg edit calorimetry --tz UTC", TestContext.Current.CancellationToken);

        var entry = Assert.Single(await h.AuditAfterAsync(last));
        Assert.Equal(("slack:T0DEMO:U0AMARA01", "slack"), (entry.Actor, entry.Platform));
    }

    [Fact]
    public async Task LongCommandText_IsClippedInTheAudit()
    {
        await using var h = await CoreHarness.StartAsync();
        var last = await h.LastAuditIdAsync();
        var description = new string('d', 3000);

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", $"/wg edit calorimetry --description \"{description}\""));

        var entry = Assert.Single(await h.AuditAfterAsync(last));
        Assert.Equal(501, entry.Command!.Length);
        Assert.EndsWith("…", entry.Command, StringComparison.Ordinal);
        Assert.Contains(description, entry.Changes, StringComparison.Ordinal);
        Assert.Equal(description, (await h.GroupAsync("calorimetry")).Description);
    }

    [Fact]
    public async Task Read_KnownCaller_WritesNoAudit()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        await h.SayAsync("console:amara", "/wg list");
        await h.SayAsync("console:amara", "/wg info calorimetry");
        await h.SayAsync("console:amara", "/profile show @jonas");
        await h.SayAsync("console:amara", "/collab whoami");

        Assert.Equal(before, await h.SnapshotAsync());
    }
}
