using System.Text.Json;
using System.Text.Json.Serialization;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Tests.Commands;

/// <summary>
/// The permission rules, proved for every command in <c>commands/</c> from its own <c>who:</c> and <c>kind:</c>: each
/// command is run on the demo community with a value of the right type for each of its arguments, all naming things of
/// one group (calorimetry), by a caller the rule excludes (refused, nothing changed), by one it admits (not refused by a
/// permission rule), and as an admin on the group archived (every change refused, nothing changed, but /wg unarchive).
/// A new command is covered as soon as it is in <c>commands/</c>; a new argument type or <c>who:</c> value fails here
/// until this test knows a demo value or a caller for it.
/// </summary>
public sealed class PermissionConventionTests
{
    private const string Group = "calorimetry";

    /// <summary>Demo people and their standing in calorimetry (seeds/community.yaml).</summary>
    private const string Convener = "console:amara";
    private const string Member = "console:noah"; // also in calorimetry's dataset-team
    private const string PlainMember = "console:ingrid"; // a member with no role tag
    private const string Outsider = "console:chen"; // convenes tracking, not in calorimetry
    private const string Admin = CoreHarness.Admin;
    private const string TalkSpeaker = "console:sofia"; // a member who speaks at calorimetry's monthly meeting
    private const string Channel = "C0PROBE001";
    private const string Dataset = "calo-probe";
    private const string Challenge = "calo-probe-challenge";

    private static readonly CommandCatalog Catalog = CommandCatalog.Default;
    private static readonly ReferenceResolvers References = ReferenceResolvers.Default;

    public static TheoryData<string> Leaves => [.. Catalog.Leaves.Select(l => l.Key)];

    public static TheoryData<string> WhoValues => [.. Enum.GetNames<Who>()];

    [Theory]
    [MemberData(nameof(Leaves))]
    public async Task Command_CallerItsWhoExcludes_IsRefusedSayingWhoMayAndChangesNothing(string key)
    {
        var node = Catalog.Find(key)!;
        if (node.Who is Who.Anyone or Who.Self)
        {
            return; // nobody to exclude: Command_CallerItsWhoAdmits_IsNotRefusedByAPermissionRule runs it as an outsider
        }

        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var demo = await DemoAsync(h);
        var line = Line(node, demo);
        var before = await SnapshotAsync(h);

        var reply = await h.SayAsync(Excluded(node), line, Channel);

        Assert.True(reply.Status == ReplyStatus.Refused, $"{line} as {Excluded(node)} → {reply.Status}: {reply.Plain}");
        var sentence = FirstLine(reply);
        var expected = node.Who switch
        {
            Who.Admin => $"Only an admin can run /{key}. ",
            Who.Convener => $"Only a convener of {Group} or an admin can run /{key}",
            Who.Member or Who.Contributor => $"You are not a member of {Group}: only its members and admins can run /{key}",
            Who.Owner when node.Args.Any(a => a.Type == OptionType.Resource) => $"Only the person who added #{demo.ResourceId}, a convener of {Group} or an admin can run /{key}",
            Who.Owner when node.Args.Any(a => a.Type == OptionType.Topic) => $"Only the person who suggested #{demo.TopicId}, a convener of {Group} or an admin can run /{key}",
            Who.Owner when node.Args.Any(a => a.Type == OptionType.Swap) => $"Only {demo.SwapProposer}, who proposed swap #{demo.SwapId}, a convener of {Group} or an admin can run /{key}",
            Who.Owner => $"Only the person who added talk {demo.TalkId} or its speaker, a convener of {Group} or an admin can run /{key}",
            Who.Manager => $"Only a convener of {Group}, its dataset-team members or an admin can run /{key}",
            Who.MinuteTaker => $"Only the meeting's minute-taker, a convener of {Group} or an admin can run /{key}",
            Who.Addressee => $"Only {demo.SwapAddressee}, whom swap #{demo.SwapId} asks, can run /{key}",
            _ => throw new InvalidOperationException($"who: {node.Who} has no refusal to expect; teach this test"),
        };
        Assert.StartsWith(expected, sentence, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(h));
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public async Task Command_CallerItsWhoAdmits_IsNotRefusedByAPermissionRule(string key)
    {
        var node = Catalog.Find(key)!;
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var demo = await DemoAsync(h);
        var line = Line(node, demo);

        foreach (var caller in Admitted(node))
        {
            // Each caller on the same data: an earlier one's change (a talk removed, a group left) may make a later one's
            // command pointless, but never a permission refusal.
            var reply = await h.SayAsync(caller, line, Channel);

            Assert.True(reply.Status != ReplyStatus.Failed, $"{line} as {caller} failed: {reply.Plain}");
            Assert.False(IsPermissionRefusal(reply, key), $"{line} as {caller} was refused by a permission rule: {reply.Plain}");
        }
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public async Task ChangeCommand_OnAnArchivedGroup_IsRefusedEvenForAnAdminAndChangesNothing(string key)
    {
        var node = Catalog.Find(key)!;
        if (node.Kind != CommandKind.Change || !node.Args.Any(a => References.For(a.Type) is not null))
        {
            return; // reads and commands that name no group (/wg create, /profile set) have no group to protect
        }

        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var demo = await DemoAsync(h);
        AssertStatusOk(await h.SayAsync(Admin, $"/wg archive {Group}"));
        var line = Line(node, demo);
        var before = await SnapshotAsync(h);

        // The strongest caller the rule admits: an admin, but for a command only its addressee may run.
        var reply = await h.SayAsync(Admitted(node)[^1], line, Channel);

        if (Permissions.ChangesArchivedGroups.Contains(key))
        {
            AssertStatusOk(reply);
            Assert.False((await h.GroupAsync(Group)).IsArchived, $"{line} should bring {Group} back");
            return;
        }

        Assert.True(reply.Status == ReplyStatus.Refused, $"{line} on archived {Group} → {reply.Status}: {reply.Plain}");
        var sentence = FirstLine(reply);
        Assert.True(sentence.StartsWith($"{Group} is archived, so it cannot be changed.", StringComparison.Ordinal) || sentence.Contains($"belongs to {Group}, which is archived, so it cannot be changed.", StringComparison.Ordinal), sentence);
        Assert.EndsWith($"/wg unarchive {Group}.", sentence, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(h));
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public async Task ConvenerCommand_NamingNoGroup_IsRefusedToWhoeverConvenesNone(string key)
    {
        var node = Catalog.Find(key)!;
        if (node.Who != Who.Convener || node.Args.Any(a => a.Required && References.For(a.Type) is not null))
        {
            return; // only convener commands whose references are optional can name no group
        }

        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var demo = await DemoAsync(h);
        var line = Line(node, demo, withOptionalReferences: false);
        var before = await SnapshotAsync(h);

        var refused = await h.SayAsync(Member, line, Channel);
        var convener = await h.SayAsync(Outsider, line, Channel);

        Assert.True(refused.Status == ReplyStatus.Refused, $"{line} as {Member} → {refused.Status}: {refused.Plain}");
        Assert.StartsWith($"Only conveners and admins can run /{key}, and you convene no group.", FirstLine(refused), StringComparison.Ordinal);
        Assert.False(IsPermissionRefusal(convener, key), $"{line} as {Outsider}, a convener of another group: {convener.Plain}");
        if (node.Kind == CommandKind.Read)
        {
            Assert.Equal(before, await SnapshotAsync(h));
        }
    }

    [Theory]
    [MemberData(nameof(WhoValues))]
    public void WhoValue_HasCallersThisTestUses(string name)
    {
        var who = Enum.Parse<Who>(name);

        // A new who: value fails here until the tests above know whom it admits and whom it excludes.
        Assert.NotEmpty(Admitted(who));
        if (who is not (Who.Anyone or Who.Self))
        {
            Assert.DoesNotContain(Excluded(who), Admitted(who));
        }
    }

    [Fact]
    public void Catalog_EveryArgumentType_HasADemoValue()
    {
        var demo = new Demo(TalkId: 1, ContributionId: 1, ResourceId: 1, TopicId: 1, SwapId: 1, SwapAddressee: "", SwapProposer: "");

        // Attachments are never typed and always optional (the catalog refuses a required one), so no probe line needs one.
        Assert.All(Catalog.Leaves.SelectMany(l => l.AllOptions).Where(o => o.Type is not (OptionType.Flag or OptionType.Attachment)), o => Assert.NotNull(Sample(o, demo)));
    }

    /// <summary>The caller each rule keeps out: a convener for admin commands, a plain member for conveners', an outsider for members', a member who is not the owner for owners', a member without the dataset-team role for managers'.</summary>
    private static string Excluded(CommandNode node) =>
        node.Who == Who.Owner && OwnsSwap(node) ? PlainMember : Excluded(node.Who); // the person the swap asks: theirs to answer, not to withdraw

    private static string Excluded(Who who) => who switch
    {
        Who.Admin => Convener,
        Who.Convener => Member,
        Who.Member or Who.Contributor => Outsider,
        Who.Owner => Member,
        Who.Manager => PlainMember,
        Who.MinuteTaker => Member,
        Who.Addressee => Convener,
        _ => throw new InvalidOperationException($"who: {who} excludes nobody"),
    };

    /// <summary>Callers each rule lets in, the weakest first.</summary>
    private static IReadOnlyList<string> Admitted(CommandNode node) =>
        node.Who == Who.Owner && OwnsSwap(node) ? [Member, Convener, Admin] : Admitted(node.Who); // Member proposed the demo swap

    private static IReadOnlyList<string> Admitted(Who who) => who switch
    {
        Who.Anyone or Who.Self => [Outsider],
        Who.Member or Who.Contributor => [Member, Convener, Admin],
        Who.Convener => [Convener, Admin],
        Who.Admin => [Admin],
        Who.Owner => [TalkSpeaker, Convener, Admin],
        Who.Manager => [Member, Convener, Admin],
        Who.MinuteTaker => [Convener, Admin],
        Who.Addressee => [PlainMember],
        _ => throw new InvalidOperationException($"who: {who} has no callers in this test; teach it"),
    };

    /// <summary>A swap's owner is whoever proposed it (a talk's, whoever added it or speaks).</summary>
    private static bool OwnsSwap(CommandNode node) => node.Args.Any(a => a.Type == OptionType.Swap);

    private static bool IsPermissionRefusal(Reply reply, string key)
    {
        if (reply.Status != ReplyStatus.Refused)
        {
            return false;
        }

        var sentence = FirstLine(reply);
        return sentence.StartsWith("Only an admin can run /" + key, StringComparison.Ordinal)
            || (sentence.StartsWith("Only ", StringComparison.Ordinal) && sentence.Contains(" can run /" + key, StringComparison.Ordinal))
            || sentence.StartsWith("You are not a member of ", StringComparison.Ordinal)
            || sentence.Contains("is archived, so it cannot be changed", StringComparison.Ordinal)
            || sentence.Contains("which is archived, so it cannot be changed", StringComparison.Ordinal);
    }

    /// <summary>The command with a demo value for every argument (all naming calorimetry or a thing of it) and every required option.</summary>
    private static string Line(CommandNode node, Demo demo, bool withOptionalReferences = true)
    {
        var parts = new List<string> { "/" + node.Key };
        foreach (var arg in node.Args)
        {
            if (!arg.Required && !(withOptionalReferences && References.For(arg.Type) is not null))
            {
                break; // positional: nothing after a left-out argument can be given
            }

            parts.Add(Sample(arg, demo) ?? throw new InvalidOperationException($"/{node.Key} <{arg.Name}>: no demo value for type {arg.Type}; add one to Sample"));
        }

        // A contributors' command is open to anyone when it names no group: its group options name calorimetry here.
        var options = node.Options.Where(o => o.Required || (node.Who == Who.Contributor && withOptionalReferences && References.For(o.Type) is not null));
        foreach (var option in options)
        {
            parts.Add($"--{option.Name} " + (Sample(option, demo) ?? throw new InvalidOperationException($"/{node.Key} --{option.Name}: no demo value for type {option.Type}; add one to Sample")));
        }

        return string.Join(' ', parts);
    }

    /// <summary>A value of the option's type that the binder accepts; references name calorimetry or things of it.</summary>
    private static string? Sample(OptionDefinition option, Demo demo) => option.Choices.Count > 0 ? option.Choices[0] : option.Type switch
    {
        OptionType.Wg => Group,
        OptionType.Meeting => $"{Group}/monthly",
        OptionType.Project => "calo-showers-v2",
        OptionType.Dataset => Dataset,
        OptionType.Challenge => Challenge,
        OptionType.Talk => demo.TalkId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OptionType.Contribution => "#" + demo.ContributionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OptionType.Resource => "#" + demo.ResourceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OptionType.Topic => "#" + demo.TopicId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OptionType.Swap => "#" + demo.SwapId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OptionType.String => "\"Permission probe\"",
        OptionType.Integer => "5",
        OptionType.Number => "1.5",
        OptionType.User or OptionType.Speaker => "@ingrid",
        OptionType.Channel => "#probe",
        OptionType.Date => "2026-12-08",
        OptionType.DateTime => "\"2026-12-20 15:00\"",
        OptionType.TimeZone => "UTC",
        OptionType.Durations => "1d",
        OptionType.Url => "https://example.org/probe",
        OptionType.Orcid => "0000-0002-1825-0097",
        OptionType.Role => "champion",
        OptionType.CreditRole => "software",
        OptionType.Slug => "probe-slug",
        _ => null,
    };

    private sealed record Demo(int TalkId, int ContributionId, int ResourceId, int TopicId, int SwapId, string SwapAddressee, string SwapProposer);

    /// <summary>
    /// The demo community plus a dataset of calorimetry (the seed has none), a challenge on it, and a resource and an open
    /// topic idea of calorimetry, both added by the talk's speaker (so owners' commands have the same owner), and a chair
    /// duty of calorimetry/monthly whose first turn the member asks the plain member to take; the ids of a talk, a pending
    /// contribution, the resource, the idea and the swap.
    /// </summary>
    private static async Task<Demo> DemoAsync(CoreHarness h)
    {
        AssertStatusOk(await h.SayAsync(Admin, $"/dataset register {Group} {Dataset} \"Permission probe\""));
        AssertStatusOk(await h.SayAsync(Admin, $"/challenge create {Dataset} {Challenge} \"Permission probe\" --metric auc"));
        AssertStatusOk(await h.SayAsync(TalkSpeaker, $"/resource add https://example.org/probe-resource \"Probe resource\" --kind tutorial --wg {Group}"));
        AssertStatusOk(await h.SayAsync(TalkSpeaker, $"/topic suggest {Group} \"Permission probe idea\""));
        AssertStatusOk(await h.SayAsync(Admin, $"/meeting duty add {Group}/monthly chair"));
        AssertStatusOk(await h.SayAsync(Member, $"/meeting duty volunteer {Group}/monthly chair"));
        var first = await h.QueryAsync(async db => Occurrences.Next(await db.MeetingSeries.Include(s => s.Changes).SingleAsync(s => s.Group.Slug == Group && s.Slug == "monthly"), h.Clock.GetUtcNow(), 1).Single());
        AssertStatusOk(await h.SayAsync(Member, $"/meeting duty swap {Group}/monthly --date {MeetingTime.FormatDate(first.OriginalDate)} --with @ingrid"));
        return await h.QueryAsync(async db =>
        {
            var talk = await db.Talks.Where(t => t.Series.Group.Slug == Group && t.RemovedAt == null && t.SpeakerPerson!.Identities.Any(i => i.Key == TalkSpeaker))
                .Select(t => new { t.Id, t.AddedByPersonId }).FirstAsync();
            var member = await db.Identities.Where(i => i.Key == Member).Select(i => i.PersonId).SingleAsync();
            Assert.NotEqual(member, talk.AddedByPersonId); // the member probing owners' commands must not own the talk
            var contribution = await db.Contributions.Where(c => c.Project.Group.Slug == Group && c.Status == ContributionStatus.Pending).Select(c => c.Id).FirstAsync();
            var resource = await db.Resources.Where(r => r.Url == "https://example.org/probe-resource").Select(r => r.Id).SingleAsync();
            var topic = await db.TopicIdeas.Where(t => t.Group.Slug == Group && t.Title == "Permission probe idea").Select(t => t.Id).SingleAsync();
            var swap = await db.DutySwaps.Include(s => s.To).Include(s => s.From).SingleAsync();
            return new Demo(talk.Id, contribution, resource, topic, swap.Id, People.Name(swap.To), People.Name(swap.From));
        });
    }

    /// <summary>Every row of every table, audit and outbox included: equal snapshots mean nothing changed.</summary>
    private static Task<string> SnapshotAsync(CoreHarness h) =>
        h.QueryAsync(async db =>
        {
            var tables = new SortedDictionary<string, List<object>>(StringComparer.Ordinal);
            foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned()))
            {
                var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type.ClrType).Invoke(db, null)!;
                var key = type.FindPrimaryKey()!.Properties[0];
                tables[type.ClrType.Name] = [.. (await set.AsNoTracking().ToListAsync()).OrderBy(e => db.Entry(e).Property(key.Name).CurrentValue)];
            }

            return JsonSerializer.Serialize(tables, SnapshotJson);
        });

    private static readonly JsonSerializerOptions SnapshotJson = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };

    private static string FirstLine(Reply reply) => reply.Sections.Count > 0 && reply.Sections[0].Lines.Count > 0 ? reply.Sections[0].Lines[0].Plain : reply.Plain;

    private static void AssertStatusOk(Reply reply) => HarnessQueries.AssertStatus(ReplyStatus.Ok, reply);
}
