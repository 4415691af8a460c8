using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Features;

public sealed class ProfileTests
{
    // ---- show ----

    [Fact]
    public async Task Show_Self_ShowsNameOrcidAffiliationsZoneAndGroups()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/profile show");

        AssertStatus(ReplyStatus.Ok, reply);
        string[] expected =
        [
            "Amara Okafor",
            "  Given names: Amara",
            "  Family name: Okafor",
            "  Sorted under: Okafor",
            "  ORCID: 0000-0002-1825-0097 <https://orcid.org/0000-0002-1825-0097>",
            "  Affiliations: 1. CERN; 2. University of Lagos",
            "  Time zone: Europe/Zurich",
            "  Groups: calorimetry (convener), general (convener), open-data",
            "  Personal reminders: off",
        ];
        Assert.Equal(string.Join(Environment.NewLine, expected), reply.Plain);
    }

    [Theory]
    [InlineData("@jonas")]
    [InlineData("@discord:100000000000000101")]
    public async Task Show_AnotherByMention_ShowsTheirProfileWithParticle(string mention)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", $"/profile show {mention}");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.StartsWith("Jonas van der Berg", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Family name: van der Berg", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Groups: anomaly-detection, general, jet-tagging (convener)", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("ORCID: —", reply.Plain, StringComparison.Ordinal);
        // The hint to complete a profile is for one's own profile only.
        Assert.DoesNotContain("/profile set", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Me_IsTheCaller()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/profile show me");

        Assert.StartsWith("Amara Okafor", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownPerson_IsNotFoundAndCreatesNobody()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/profile show @stranger");

        AssertStatus(ReplyStatus.NotFound, reply);
        Assert.Contains("has not used CollabBot yet", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Show_NewCaller_ShowsEmptyProfileWithHowToFillIt()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/profile show");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.StartsWith("newcomer", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Groups: none", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("/profile set --name", reply.Plain, StringComparison.Ordinal);
    }

    // ---- set ----

    [Fact]
    public async Task Set_NameWithParticles_SplitsGivenParticleFamily()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:newcomer", "/profile set --name \"Jonas van der Berg\"");

        AssertStatus(ReplyStatus.Ok, reply);
        var p = await h.PersonAsync("console:newcomer");
        Assert.Equal(("Jonas van der Berg", "Jonas", "van der", "Berg"), (p!.DisplayName, p.GivenName, p.NameParticle, p.FamilyName));
        Assert.Contains("Particle: (none) → van der", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ludwig von Beethoven", "Ludwig", "von", "Beethoven")]
    [InlineData("Maria de la Cruz", "Maria", "de la", "Cruz")]
    [InlineData("Mary Ann  Smith", "Mary Ann", null, "Smith")]
    [InlineData("Van Morrison", "Van", null, "Morrison")]
    public async Task Set_Name_SplitsAsAuthorListsNeed(string name, string given, string? particle, string family)
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:newcomer", $"/profile set --name \"{name}\""));

        var p = await h.PersonAsync("console:newcomer");
        Assert.Equal((given, particle, family), (p!.GivenName, p.NameParticle, p.FamilyName));
    }

    [Fact]
    public async Task Set_OneWordName_IsFamilyNameOnly()
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", "/profile set --name Amara"));

        var p = await h.PersonAsync("console:amara");
        Assert.Equal(("Amara", null, null, "Amara"), (p!.DisplayName, p.GivenName, p.NameParticle, p.FamilyName));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public async Task Set_BlankName_IsInvalidAndKeepsTheName(string name)
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", $"/profile set --name {name}");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Set_GivenAndFamilyApart_SetsOnlyThose()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:tomas", "/profile set --given \"Tomás Ignacio\" --particle \"\"");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("Particle: de la → (none)", reply.Plain, StringComparison.Ordinal);
        var p = await h.PersonAsync("console:tomas");
        Assert.Equal(("Tomás de la Cruz", "Tomás Ignacio", null, "Cruz"), (p!.DisplayName, p.GivenName, p.NameParticle, p.FamilyName));
    }

    [Fact]
    public async Task Set_NameTooLong_IsInvalid()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", $"/profile set --name \"{new string('a', 201)}\"");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("at most 200 characters", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0000-0002-1825-0098", '7')]
    [InlineData("0000-0002-1694-2330", 'X')]
    [InlineData("https://orcid.org/0000-0001-5109-3701", '0')]
    public async Task Set_OrcidWithWrongCheckDigit_IsInvalidNamingTheExpectedOne(string orcid, char expected)
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", $"/profile set --orcid {orcid}");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains($"its last character should be {expected}", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("check digit", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [InlineData("0000-0002-1825-0097", "0000-0002-1825-0097")]
    [InlineData("https://orcid.org/0000-0002-1694-233X", "0000-0002-1694-233X")]
    [InlineData("http://orcid.org/0000-0002-1694-233x", "0000-0002-1694-233X")]
    [InlineData("orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700")]
    public async Task Set_ValidOrcid_IsStoredBare(string typed, string stored)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:jonas", $"/profile set --orcid {typed}");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal(stored, (await h.PersonAsync("console:jonas"))!.Orcid);
        Assert.Contains($"ORCID: (none) → {stored}", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("0000-0002-1825-009")]
    [InlineData("0000000218250097")]
    [InlineData("https://example.org/0000-0002-1825-0097")]
    public async Task Set_MalformedOrcid_IsInvalidShowingTheForm(string orcid)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:jonas", $"/profile set --orcid {orcid}");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("use the form 0000-0002-1825-0097", reply.Plain, StringComparison.Ordinal);
        Assert.Null((await h.PersonAsync("console:jonas"))!.Orcid);
    }

    [Fact]
    public async Task Set_AffiliationRepeated_KeepsTheOrderGiven()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/profile set --affiliation \"University of Lagos\" --affiliation CERN --affiliation \"ETH Zürich\"");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Equal(["University of Lagos", "CERN", "ETH Zürich"], (await h.PersonAsync("console:amara"))!.Affiliations);
        Assert.Contains("Affiliations: CERN; University of Lagos → University of Lagos; CERN; ETH Zürich", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_AffiliationTwice_KeepsTheFirst()
    {
        await using var h = await CoreHarness.StartAsync();

        await h.SayAsync("console:amara", "/profile set --affiliation CERN --affiliation DESY --affiliation CERN");

        Assert.Equal(["CERN", "DESY"], (await h.PersonAsync("console:amara"))!.Affiliations);
    }

    [Fact]
    public async Task Set_EmptyAffiliation_IsInvalid()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/profile set --affiliation CERN --affiliation \" \"");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Equal(["CERN", "University of Lagos"], (await h.PersonAsync("console:amara"))!.Affiliations);
    }

    [Theory]
    [InlineData("america/chicago", "America/Chicago")]
    [InlineData("UTC", "UTC")]
    [InlineData("Asia/Kolkata", "Asia/Kolkata")]
    public async Task Set_KnownTimeZone_IsStoredCanonical(string typed, string stored)
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:amara", $"/profile set --tz {typed}"));

        Assert.Equal(stored, (await h.PersonAsync("console:amara"))!.TimeZone);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("GMT+25")]
    [InlineData("\"Central European Standard Time\"")]
    public async Task Set_UnknownTimeZone_IsInvalidAndKeepsTheOld(string tz)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", $"/profile set --tz {tz}");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("is not a time zone I know", reply.Plain, StringComparison.Ordinal);
        Assert.Equal("Europe/Zurich", (await h.PersonAsync("console:amara"))!.TimeZone);
    }

    [Fact]
    public async Task Set_NothingGiven_IsInvalidWithUsage()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/profile set");

        AssertStatus(ReplyStatus.Invalid, reply);
        Assert.Contains("Nothing to set", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Usage: /profile set [--name NAME]", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_SameValues_SaysNothingChangedAndWritesNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var before = await h.SnapshotAsync();

        var reply = await h.SayAsync("console:amara", "/profile set --tz Europe/Zurich --orcid 0000-0002-1825-0097 --affiliation CERN --affiliation \"University of Lagos\"");

        AssertStatus(ReplyStatus.Ok, reply);
        Assert.Contains("nothing changed", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Set_ByNewCaller_CreatesTheirPersonWithThoseValues()
    {
        await using var h = await CoreHarness.StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync("console:newcomer", "/profile set --name \"Ada Lovelace\" --tz Europe/London"));

        var p = await h.PersonAsync("console:newcomer");
        Assert.Equal(("Ada Lovelace", "Europe/London"), (p!.DisplayName, p.TimeZone));
    }

    [Fact]
    public async Task Set_ChangesOnlyTheCaller()
    {
        await using var h = await CoreHarness.StartAsync();
        var jonasBefore = await h.QueryAsync(db => db.People.AsNoTracking().SingleAsync(p => p.DisplayName == "Jonas van der Berg"));

        await h.SayAsync("console:amara", "/profile set --tz Asia/Tokyo");

        var jonasAfter = await h.PersonAsync("console:jonas");
        Assert.Equal(jonasBefore.TimeZone, jonasAfter!.TimeZone);
    }
}
