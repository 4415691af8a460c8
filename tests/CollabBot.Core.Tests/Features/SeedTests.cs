using CollabBot.Core.Data;
using CollabBot.Core.Seeding;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

public sealed class SeedTests
{
    private const string Valid = """
        people:
          - { id: ada, name: Ada Lovelace, given: Ada, family: Lovelace, orcid: 0000-0002-1825-0097, tz: Europe/London, identities: [console:ada] }
          - { id: bob, name: Bob Ross, identities: [console:bob] }
        groups:
          - slug: looms
            name: Looms
            kind: area
            tz: Europe/London
            conveners: [ada]
            members:
              - { person: bob, tags: [champion] }
            channels:
              - { platform: slack, tenant: T1, channel: C1, name: looms }
        """;

    [Fact]
    public async Task Load_Community_AddsEverythingInTheFile()
    {
        await using var h = await CoreHarness.StartAsync(seed: false);

        var result = await LoadAsync(h, await File.ReadAllTextAsync(CoreHarness.SeedPath, TestContext.Current.CancellationToken), "community.yaml");

        Assert.Equal(new SeedResult(Groups: 9, People: 23, Memberships: 49, Channels: 6, Meetings: 11, Talks: 18, Projects: 2, Contributions: 18), result);
        Assert.Equal(23, await h.QueryAsync(db => db.People.CountAsync()));
        Assert.Equal(26, await h.QueryAsync(db => db.Identities.CountAsync()));
    }

    [Fact]
    public async Task Load_CommunityTwice_SecondLoadChangesNothing()
    {
        await using var h = await CoreHarness.StartAsync(seed: false);
        var yaml = await File.ReadAllTextAsync(CoreHarness.SeedPath, TestContext.Current.CancellationToken);
        await LoadAsync(h, yaml, "community.yaml");
        var before = await h.SnapshotAsync();

        var second = await LoadAsync(h, yaml, "community.yaml");

        Assert.Equal(new SeedResult(0, 0, 0, 0), second);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Load_AfterUsersChangedThings_KeepsTheirChanges()
    {
        // The whole community, meetings included, so that reloading the file has nothing left to add.
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        await h.SayAsync("console:amara", "/wg edit calorimetry --name \"Calorimetry Benchmark\"");
        await h.SayAsync("console:noah", "/wg leave calorimetry");
        await h.SayAsync("console:amara", "/profile set --tz Asia/Tokyo");
        await h.SayAsync(CoreHarness.Admin, "/wg archive tracking");
        var before = await h.SnapshotAsync();

        var result = await LoadAsync(h, await File.ReadAllTextAsync(CoreHarness.SeedPath, TestContext.Current.CancellationToken), "community.yaml");

        Assert.Equal(new SeedResult(0, 0, 0, 0), result);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Load_ExistingPersonWithANewIdentity_AddsTheIdentityToThem()
    {
        await using var h = await CoreHarness.StartAsync();

        var result = await LoadAsync(h, "people:\n  - { id: amara, name: Amara, identities: [console:amara, discord:100000000000000999] }\n", "more.yaml");

        Assert.Equal(new SeedResult(0, 0, 0, 0), result);
        var amara = await h.PersonAsync("console:amara");
        Assert.Equal(amara!.Id, (await h.PersonAsync("discord:100000000000000999"))!.Id);
        Assert.Equal("Amara Okafor", amara.DisplayName);
    }

    [Fact]
    public async Task Load_ValidFile_StoresWhatItSays()
    {
        await using var h = await CoreHarness.StartAsync(seed: false);

        await LoadAsync(h, Valid, "small.yaml");

        var ada = await h.PersonAsync("console:ada");
        Assert.Equal(("Ada", "Lovelace", "0000-0002-1825-0097", "Europe/London"), (ada!.GivenName, ada.FamilyName, ada.Orcid, ada.TimeZone));
        var looms = await h.GroupAsync("looms");
        Assert.Equal((Domain.GroupKind.Area, "Europe/London", true), (looms.Kind, looms.TimeZone, looms.IsOpen));
        Assert.Equal(["champion"], (await h.MembershipAsync("looms", "console:bob"))!.Tags);
        Assert.Equal("seed:small.yaml", (await h.AuditAsync()).Select(a => a.Actor).Distinct().Single());
    }

    [Fact]
    public async Task Load_ValuesInAnyAcceptedForm_AreStoredAsCommandsStoreThem()
    {
        await using var h = await CoreHarness.StartAsync(seed: false);
        var yaml = Valid
            .Replace("orcid: 0000-0002-1825-0097", "orcid: https://orcid.org/0000-0002-1694-233x", StringComparison.Ordinal)
            .Replace("tz: Europe/London, identities", "tz: europe/london, identities", StringComparison.Ordinal)
            .Replace("    tz: Europe/London", "    tz: america/chicago", StringComparison.Ordinal);

        await LoadAsync(h, yaml, "small.yaml");

        var ada = await h.PersonAsync("console:ada");
        Assert.Equal(("0000-0002-1694-233X", "Europe/London"), (ada!.Orcid, ada.TimeZone));
        Assert.Equal("America/Chicago", (await h.GroupAsync("looms")).TimeZone);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "orcid: 0000-0002-1825-0097", "orcid: 0000-0002-1825-0098", "bad.yaml: ada: 0000-0002-1825-0098 is not a valid ORCID iD: its last character should be 7" },
        { "orcid: 0000-0002-1825-0097", "orcid: 12345", "bad.yaml: ada: '12345' is not an ORCID iD" },
        { "conveners: [ada]", "conveners: [nobody]", "bad.yaml: looms: 'nobody' is not a person in this file." },
        { "{ person: bob, tags", "{ person: carol, tags", "bad.yaml: looms: 'carol' is not a person in this file." },
        { "slug: looms", "slug: Looms Group", "bad.yaml: 'Looms Group' is not a valid group slug." },
        { "slug: looms", "slug: l", "bad.yaml: 'l' is not a valid group slug." },
        { "kind: area", "kind: hobby", "bad.yaml: looms: kind 'hobby' is not dataset, problem, area or general." },
        { "    tz: Europe/London", "    tz: Mars/Base", "bad.yaml: looms: 'Mars/Base' is not an IANA time zone." },
        { "tz: Europe/London, identities", "tz: Moon/Base, identities", "bad.yaml: ada: 'Moon/Base' is not an IANA time zone." },
        { "tags: [champion]", "tags: [boss]", "bad.yaml: looms: 'boss' is not a role tag." },
        { "identities: [console:bob]", "identities: [twitter:bob]", "bad.yaml: bob: 'twitter:bob' is not an identity key." },
        { "id: bob", "id: ada", "bad.yaml: person id 'ada' is missing or used twice." },
        { "conveners: [ada]", "convenors: [ada]", "bad.yaml: " },
        { "conveners: [ada]", "conveners: [ada", "bad.yaml: " },
        { "identities: [console:bob]", "identities: [console:ada]", "bad.yaml: bob: identity 'console:ada' is already ada's." },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Load_MalformedFile_ThrowsSeedExceptionNamingFileAndProblemAndWritesNothing(string from, string to, string message)
    {
        await using var h = await CoreHarness.StartAsync(seed: false);
        var before = await h.SnapshotAsync();
        var yaml = Valid.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Valid, yaml);

        var ex = await Assert.ThrowsAsync<SeedException>(() => LoadAsync(h, yaml, "bad.yaml"));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Load_SameGroupSlugTwice_ThrowsSeedException()
    {
        await using var h = await CoreHarness.StartAsync(seed: false);
        var yaml = Valid + "\n  - { slug: looms, name: Looms Again, conveners: [bob] }\n";

        var ex = await Assert.ThrowsAsync<SeedException>(() => LoadAsync(h, yaml, "bad.yaml"));

        Assert.Equal("bad.yaml: group slug 'looms' is used twice.", ex.Message);
        Assert.Equal(0, await h.QueryAsync(db => db.Groups.CountAsync()));
    }

    [Fact]
    public async Task LoadFiles_MissingFile_ThrowsNamingIt()
    {
        await using var h = await CoreHarness.StartAsync(seed: false);
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-seed-{Guid.NewGuid():N}.yaml");

        var ex = await h.QueryAsync(db => Assert.ThrowsAsync<SeedException>(() => SeedLoader.LoadFilesAsync(db, [missing], TestContext.Current.CancellationToken)));

        Assert.Equal($"Seed file '{missing}' does not exist.", ex.Message);
    }

    [Fact]
    public async Task LoadFiles_SeveralFiles_AddsTheirSum()
    {
        await using var h = await CoreHarness.StartAsync(seed: false);
        var dir = Directory.CreateTempSubdirectory("collabbot-seeds-");
        try
        {
            var a = Path.Combine(dir.FullName, "a.yaml");
            var b = Path.Combine(dir.FullName, "b.yaml");
            await File.WriteAllTextAsync(a, Valid, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(b, "people:\n  - { id: cleo, name: Cleo, identities: [console:cleo] }\n", TestContext.Current.CancellationToken);

            var result = await h.QueryAsync(db => SeedLoader.LoadFilesAsync(db, [a, b], TestContext.Current.CancellationToken));

            Assert.Equal(new SeedResult(1, 3, 2, 1), result);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Task<SeedResult> LoadAsync(CoreHarness h, string yaml, string source) =>
        h.QueryAsync(db => SeedLoader.LoadAsync(db, yaml, source, TestContext.Current.CancellationToken));
}
