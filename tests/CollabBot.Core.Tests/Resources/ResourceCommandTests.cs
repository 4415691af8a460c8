using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Replies;
using CollabBot.Core.Seeding;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Resources;

/// <summary>
/// /resource on the demo community and its library (seeds/resources.yaml): every subcommand, and who may run it —
/// members add to their groups, anyone adds a resource of no group, its adder and its first group's conveners edit
/// and retire it (only its adder and admins when it has no group), conveners curate start-here paths, import and check.
/// </summary>
public sealed class ResourceCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo community with its library loaded; downloads from 127.0.0.1 allowed, for the local server.</summary>
    internal static async Task<CoreHarness> LibraryAsync()
    {
        var h = await CoreHarness.StartAsync(seed: true, s => s.Configure<ChallengesOptions>(o => o.DownloadHosts = ["127.0.0.1"]));
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        await SeedLoader.LoadFilesAsync(db, [Path.Combine(AppContext.BaseDirectory, "seeds", "resources.yaml")], Ct);
        return h;
    }

    private static Task<Resource> ResourceAsync(CoreHarness h, string url) =>
        h.QueryAsync(db => db.Resources.AsNoTracking().Include(r => r.Groups).ThenInclude(g => g.Group).SingleAsync(r => r.Url == url));

    private static Task<int> IdAsync(CoreHarness h, string url) => h.QueryAsync(db => db.Resources.Where(r => r.Url == url).Select(r => r.Id).SingleAsync());

    private static void Ok(Reply reply) => HarnessQueries.AssertStatus(ReplyStatus.Ok, reply);

    [Fact]
    public async Task Add_MemberToTheirGroup_IsStoredInTheGroupAndAnsweredWithItsShortId()
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:noah", "/resource add https://example.org/calo-intro \"Calorimeter showers for beginners\" --kind tutorial --level beginner --topic calorimetry --topic \"Deep learning\" --wg calorimetry");

        Ok(reply);
        var r = await ResourceAsync(h, "https://example.org/calo-intro");
        Assert.StartsWith($"Added #{r.Id}: Calorimeter showers for beginners", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(["calorimetry"], r.Groups.Select(g => g.Group.Slug));
        Assert.Equal(["calorimetry", "deep-learning"], r.Topics);
        Assert.Equal((ResourceKind.Tutorial, ResourceLevel.Beginner), (r.Kind, r.Level!.Value));
        Assert.Equal((await h.PersonAsync("console:noah"))!.Id, r.AddedByPersonId);
    }

    [Fact]
    public async Task Add_ToAGroupTheCallerIsNotIn_IsRefusedAndAddsNothing()
    {
        await using var h = await LibraryAsync();
        var before = await h.QueryAsync(db => db.Resources.CountAsync());

        var reply = await h.SayAsync("console:chen", "/resource add https://example.org/x \"X\" --kind paper --wg calorimetry");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.StartsWith("You are not a member of calorimetry", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.QueryAsync(db => db.Resources.CountAsync()));
    }

    [Fact]
    public async Task Add_WithoutGroup_AnyoneMay()
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:stranger", "/resource add https://example.org/notes \"Notes on boosted decision trees\" --kind lecture");

        Ok(reply);
        Assert.Empty((await ResourceAsync(h, "https://example.org/notes")).Groups);
    }

    [Fact]
    public async Task Add_SamePaperByAnotherAddress_SaysWhichResourceItIs()
    {
        await using var h = await LibraryAsync();
        var existing = await h.QueryAsync(db => db.Resources.Where(r => r.ArxivId == "1902.08570").Select(r => r.Id).SingleAsync());

        var reply = await h.SayAsync("console:noah", "/resource add https://arxiv.org/pdf/1902.08570v3 \"ParticleNet again\" --kind paper");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains($"already in the library as #{existing}", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/resource add https://example.org/a \"A\" --kind podcast", "podcast")]
    [InlineData("/resource add https://example.org/a \"A\" --kind tutorial --topic \"!!\"", "is not a topic")]
    [InlineData("/resource add https://example.org/a \"A\" --kind tutorial --year 1800", "is not a year")]
    [InlineData("/resource add ftp://example.org/a \"A\" --kind tutorial", "web address")]
    public async Task Add_BadValue_IsInvalidWithASentence(string line, string expected)
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:noah", line);

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains(expected, reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_ByItsAdder_ChangesWhatWasGivenAndSaysWhat()
    {
        await using var h = await LibraryAsync();
        Ok(await h.SayAsync("console:noah", "/resource add https://example.org/calo \"Calo notes\" --kind tutorial --wg calorimetry"));
        var id = await IdAsync(h, "https://example.org/calo");

        var reply = await h.SayAsync("console:noah", $"/resource edit #{id} --title \"Calorimetry notes\" --level intermediate");

        Ok(reply);
        Assert.StartsWith($"Changed #{id}: title, level", reply.Plain, StringComparison.Ordinal);
        var r = await ResourceAsync(h, "https://example.org/calo");
        Assert.Equal(("Calorimetry notes", ResourceLevel.Intermediate, ResourceKind.Tutorial), (r.Title, r.Level!.Value, r.Kind));
    }

    [Theory]
    [InlineData("console:sofia", ReplyStatus.Refused)] // a member of calorimetry who did not add it
    [InlineData("console:amara", ReplyStatus.Ok)] // a convener of calorimetry, its first group
    [InlineData("console:priya", ReplyStatus.Refused)] // a convener of another group
    [InlineData(CoreHarness.Admin, ReplyStatus.Ok)]
    public async Task EditAndRetire_SomeoneElse_OnlyConvenersOfItsFirstGroupAndAdmins(string caller, ReplyStatus expected)
    {
        await using var h = await LibraryAsync();
        Ok(await h.SayAsync("console:noah", "/resource add https://example.org/calo \"Calo notes\" --kind tutorial --wg calorimetry"));
        var id = await IdAsync(h, "https://example.org/calo");

        var edit = await h.SayAsync(caller, $"/resource edit #{id} --title \"Renamed\"");
        var retire = await h.SayAsync(caller, $"/resource retire {id}");

        Assert.Equal((expected, expected), (edit.Status, retire.Status));
        if (expected == ReplyStatus.Refused)
        {
            Assert.StartsWith($"Only the person who added #{id}, a convener of calorimetry or an admin", edit.Plain, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("console:stranger", ReplyStatus.Ok)] // who added it
    [InlineData("console:amara", ReplyStatus.Refused)] // a convener, but of no group it is in
    [InlineData("console:noah", ReplyStatus.Refused)]
    [InlineData(CoreHarness.Admin, ReplyStatus.Ok)]
    public async Task Edit_ResourceOfNoGroup_OnlyItsAdderAndAdmins(string caller, ReplyStatus expected)
    {
        await using var h = await LibraryAsync();
        Ok(await h.SayAsync("console:stranger", "/resource add https://example.org/free \"Free notes\" --kind lecture"));
        var id = await IdAsync(h, "https://example.org/free");

        var reply = await h.SayAsync(caller, $"/resource edit #{id} --level beginner");

        Assert.Equal(expected, reply.Status);
        if (expected == ReplyStatus.Refused)
        {
            Assert.Contains("belongs to no group", reply.Plain, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Edit_ToTheAddressOfAnotherResource_IsInvalidAndChangesNothing()
    {
        await using var h = await LibraryAsync();
        Ok(await h.SayAsync("console:noah", "/resource add https://example.org/calo \"Calo notes\" --kind tutorial --wg calorimetry"));
        var id = await IdAsync(h, "https://example.org/calo");

        var reply = await h.SayAsync("console:noah", $"/resource edit #{id} --url https://scikit-learn.org/");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Equal("https://example.org/calo", (await ResourceAsync(h, "https://example.org/calo")).Url);
    }

    [Fact]
    public async Task Retire_KeepsTheResourceButTakesItOutOfSearch()
    {
        await using var h = await LibraryAsync();
        Ok(await h.SayAsync("console:noah", "/resource add https://example.org/zq \"Zygomorphic quasiparticles\" --kind tutorial --wg calorimetry"));
        var id = await IdAsync(h, "https://example.org/zq");
        Assert.Contains($"#{id}", (await h.SayAsync("console:ana", "/resource search zygomorphic")).Plain, StringComparison.Ordinal);

        Ok(await h.SayAsync("console:amara", $"/resource retire #{id}"));

        Assert.DoesNotContain($"#{id}", (await h.SayAsync("console:ana", "/resource search zygomorphic")).Plain, StringComparison.Ordinal);
        Assert.NotNull((await ResourceAsync(h, "https://example.org/zq")).RetiredAt);
        Assert.Contains("Retired", (await h.SayAsync("console:ana", $"/resource info #{id}")).Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_StemmedWord_FindsTitlesWithMatchesInBoldAndShortIds()
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:stranger", "/resource search taggers");

        Ok(reply);
        Assert.Matches(@"resources? match", reply.Title ?? reply.Plain);
        var lines = reply.Sections.SelectMany(s => s.Lines).ToList();
        Assert.Contains(lines, l => l.Parts.OfType<Strong>().Any(p => p.Value.StartsWith("Tagg", StringComparison.OrdinalIgnoreCase)));
        Assert.All(lines.Where(l => l.Parts.FirstOrDefault() is Strong), l => Assert.Matches(@"^#\d+$", ((Strong)l.Parts[0]).Value));
    }

    [Fact]
    public async Task Search_ExactTitle_RanksFirst()
    {
        await using var h = await LibraryAsync();
        var id = await h.QueryAsync(db => db.Resources.Where(r => r.ArxivId == "1902.08570").Select(r => new { r.Id, r.Title }).SingleAsync());

        var reply = await h.SayAsync("console:stranger", $"/resource search {id.Title.ToUpperInvariant()}");

        var first = reply.Sections.SelectMany(s => s.Lines).First(l => l.Parts.FirstOrDefault() is Strong);
        Assert.Equal($"#{id.Id}", ((Strong)first.Parts[0]).Value);
    }

    [Fact]
    public async Task Search_FiltersByKindLevelTopicAndGroup()
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:stranger", "/resource search learning --kind course --wg training");

        Ok(reply);
        var ids = reply.Sections.SelectMany(s => s.Lines).Where(l => l.Parts.FirstOrDefault() is Strong).Select(l => int.Parse(((Strong)l.Parts[0]).Value[1..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(ids);
        var found = await h.QueryAsync(db => db.Resources.Include(r => r.Groups).ThenInclude(g => g.Group).Where(r => ids.Contains(r.Id)).ToListAsync());
        Assert.All(found, r => Assert.Equal(ResourceKind.Course, r.Kind));
        Assert.All(found, r => Assert.Contains(r.Groups, g => g.Group.Slug == "training"));
    }

    [Fact]
    public async Task Search_NothingMatchesATypo_SuggestsTheRespelling()
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:stranger", "/resource search partcle transformr");

        Ok(reply);
        Assert.Contains("Nothing in the library matches", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Did you mean /resource search particle transformer?", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Group_ShowsItsStartHerePathAndResources()
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:stranger", "/resource list jet-tagging");

        Ok(reply);
        Assert.Contains("Start here: #", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("(in jet-tagging)", reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Broken_ShowsOnlyBrokenLinks()
    {
        await using var h = await LibraryAsync();
        var id = await IdAsync(h, "https://scikit-learn.org/");
        await h.QueryAsync(async db =>
        {
            db.ResourceLinks.Add(new ResourceLink { ResourceId = id, CheckedAt = CoreHarness.Start, BrokenSince = CoreHarness.Start, LastStatus = 404, Failures = 1 });
            return await db.SaveChangesAsync();
        });

        var reply = await h.SayAsync("console:stranger", "/resource list --broken");

        Assert.Contains($"#{id}", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(1, reply.Sections.SelectMany(s => s.Lines).Count(l => l.Parts.FirstOrDefault() is Strong));
    }

    [Fact]
    public async Task Info_UnknownId_IsNotFound()
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:stranger", "/resource info #99999");

        Assert.Equal(ReplyStatus.NotFound, reply.Status);
        Assert.Contains("There is no resource #99999", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_ShowsDetailsLinkStateAndPage()
    {
        await using var h = await LibraryAsync();
        var id = await h.QueryAsync(db => db.Resources.Where(r => r.ArxivId == "1902.08570").Select(r => r.Id).SingleAsync());

        var reply = await h.SayAsync("console:stranger", $"/resource info {id}");

        Ok(reply);
        Assert.Contains("arXiv: 1902.08570", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Link state: not checked yet", reply.Plain, StringComparison.Ordinal);
        Assert.Contains($"/resources/{id}", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StarMineUnstar_KeepTheReadingListAndNeverDelete()
    {
        await using var h = await LibraryAsync();
        var a = await IdAsync(h, "https://scikit-learn.org/");
        var b = await IdAsync(h, "https://www.deeplearningbook.org/");

        Ok(await h.SayAsync("console:ana", $"/resource star #{a}"));
        Ok(await h.SayAsync("console:ana", $"/resource star #{b}"));
        var again = await h.SayAsync("console:ana", $"/resource star #{b}");
        Ok(await h.SayAsync("console:ana", $"/resource unstar #{a}"));
        var mine = await h.SayAsync("console:ana", "/resource mine");

        Assert.Contains("already", again.Plain, StringComparison.Ordinal);
        Assert.True(mine.Plain.Contains($"#{b}", StringComparison.Ordinal), mine.Plain);
        Assert.DoesNotContain($"#{a} ", mine.Plain, StringComparison.Ordinal);
        Assert.Equal(2, await h.QueryAsync(db => db.ResourceStars.CountAsync()));
        Assert.Contains("empty", (await h.SayAsync("console:noah", "/resource mine")).Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starter_Convener_SetsThePathInTheOrderGiven()
    {
        await using var h = await LibraryAsync();
        var a = await IdAsync(h, "https://scikit-learn.org/");
        var b = await IdAsync(h, "https://www.deeplearningbook.org/");

        var reply = await h.SayAsync("console:amara", $"/resource starter calorimetry #{b} {a}");

        Ok(reply);
        var steps = await h.QueryAsync(db => db.StartHereSteps.Where(s => s.Group.Slug == "calorimetry" && s.RemovedAt == null).OrderBy(s => s.Position).Select(s => s.ResourceId).ToListAsync());
        Assert.Equal([b, a], steps);
        Assert.Contains($"1. #{b}", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starter_AgainOrCleared_EndsTheOldPathWithoutDeletingIt()
    {
        await using var h = await LibraryAsync();
        var a = await IdAsync(h, "https://scikit-learn.org/");
        Ok(await h.SayAsync("console:amara", $"/resource starter calorimetry #{a}"));

        Ok(await h.SayAsync("console:amara", "/resource starter calorimetry --clear"));

        var steps = await h.QueryAsync(db => db.StartHereSteps.Where(s => s.Group.Slug == "calorimetry").ToListAsync());
        Assert.Single(steps);
        Assert.NotNull(steps[0].RemovedAt);
    }

    [Theory]
    [InlineData("console:noah", ReplyStatus.Refused)]
    [InlineData("console:jonas", ReplyStatus.Refused)] // convenes jet-tagging, not calorimetry
    public async Task Starter_NotAConvenerOfTheGroup_IsRefused(string caller, ReplyStatus expected)
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync(caller, "/resource starter calorimetry #1");

        Assert.Equal(expected, reply.Status);
        Assert.StartsWith("Only a convener of calorimetry or an admin", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/resource starter calorimetry #99999", ReplyStatus.NotFound)]
    [InlineData("/resource starter calorimetry #1 #1", ReplyStatus.Invalid)]
    [InlineData("/resource starter calorimetry", ReplyStatus.Invalid)]
    public async Task Starter_BadPath_ChangesNothing(string line, ReplyStatus expected)
    {
        await using var h = await LibraryAsync();
        var before = await h.QueryAsync(db => db.StartHereSteps.CountAsync());

        var reply = await h.SayAsync("console:amara", line);

        Assert.Equal(expected, reply.Status);
        Assert.Equal(before, await h.QueryAsync(db => db.StartHereSteps.CountAsync()));
    }

    [Fact]
    public async Task Import_BibTeXFromAnAddress_ImportsIntoTheGroupAndTwiceChangesNothing()
    {
        await using var h = await LibraryAsync();
        await using var server = await LocalWebServer.StartAsync();
        server.Text("/papers.bib", """
            @article{Qu:2019gqs,
              title = {{Jet Tagging via Particle Clouds}},
              author = {Qu, Huilin and Gouskos, Loukas},
              eprint = {1902.08570},
              archivePrefix = {arXiv},
              year = {2020}
            }
            @article{broken,
              author = {Nobody},
              year = {2020}
            }
            @misc{new:2024,
              title = {A calorimeter shower benchmark},
              url = {https://example.org/showers},
              year = {2024}
            }
            """);

        var first = await h.SayAsync("console:amara", $"/resource import calorimetry --url {server.Url("/papers.bib")}");
        var second = await h.SayAsync("console:amara", $"/resource import calorimetry --url {server.Url("/papers.bib")}");

        Ok(first);
        Assert.Contains("Imported 1 resource", first.Plain, StringComparison.Ordinal);
        Assert.True(first.Plain.Contains("line 8:", StringComparison.Ordinal), first.Plain);
        Assert.Contains("Already there: 1 entry", first.Plain, StringComparison.Ordinal);
        Ok(second);
        Assert.StartsWith("Nothing new", second.Plain, StringComparison.Ordinal);
        var added = await ResourceAsync(h, "https://example.org/showers");
        Assert.Equal(["calorimetry"], added.Groups.Select(g => g.Group.Slug));
    }

    [Fact]
    public async Task Import_PrivateAddressNotListed_IsRefusedByTheDownloadRules()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/resource import calorimetry --url http://10.0.0.7/papers.bib");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.StartsWith("Nothing was imported", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AddressWithoutFormat_AsksForOne()
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:amara", "/resource import --url https://example.org/export");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("--format bibtex", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OneBrokenLink_MarksItAndTellsItsGroupsConvenersOnce()
    {
        await using var h = await LibraryAsync();
        await using var server = await LocalWebServer.StartAsync(h.Clock);
        var url = server.Url("/gone").AbsoluteUri;
        Ok(await h.SayAsync("console:noah", $"/resource add {url} \"Gone notes\" --kind tutorial --wg calorimetry"));
        var id = await IdAsync(h, url);

        var first = await RunAdvancingAsync(h, h.SayAsync("console:amara", $"/resource check #{id}"));
        var second = await RunAdvancingAsync(h, h.SayAsync("console:amara", $"/resource check #{id}"));

        Ok(first);
        Assert.Contains("broken since", first.Plain, StringComparison.Ordinal);
        Ok(second);
        var messages = await h.QueryAsync(db => db.OutboundMessages.Where(m => m.DedupeKey != null && m.DedupeKey.StartsWith("resource-links-broken:")).ToListAsync());
        Assert.NotEmpty(messages);
        Assert.Equal(messages.Count, messages.Select(m => m.Target).Distinct().Count());
        Assert.All(messages, m => Assert.Contains($"#{id}", m.Body, StringComparison.Ordinal));
        Assert.Contains("Amara", messages[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NeitherIdNorAll_IsInvalid()
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:amara", "/resource check");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
    }

    [Fact]
    public async Task Check_PlainMember_IsRefused()
    {
        await using var h = await LibraryAsync();

        var reply = await h.SayAsync("console:noah", "/resource check --all");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
    }

    /// <summary>Moves the fake clock while a command waits for a host's slot (the checker's one request per host per second).</summary>
    private static async Task<Reply> RunAdvancingAsync(CoreHarness h, Task<Reply> run)
    {
        while (!run.IsCompleted)
        {
            await Task.Delay(5, Ct);
            h.Clock.Advance(TimeSpan.FromMilliseconds(200));
        }

        return await run;
    }
}
