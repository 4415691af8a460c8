using CollabBot.Core.Authors;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Tests.Credit;

public sealed class ProfileLinkTests
{
    private const string Slack = "slack:T0DEMO:U0ADA0001";
    private const string Discord = "discord:200000000000000001";

    [Fact]
    public async Task Link_SlackAndDiscordWithContributionsOnBothSides_OneAuthorWithBothRoles()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(Slack, "/profile set --name \"Ada Quark\" --affiliation CERN");
        await h.SayAsync(Discord, "/profile set --orcid 0000-0002-1825-0097");
        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync("console:jonas", $"/credit add jet-tagging-benchmark @{Slack} software --degree lead")).Status);
        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync("console:jonas", $"/credit add jet-tagging-benchmark @{Discord} data-curation")).Status);

        var code = CreditCommandTests.CodeRegex().Match((await h.SayAsync(Slack, "/profile link")).Plain).Value;
        var linked = await h.SayAsync(Discord, $"/profile link {code.ToLowerInvariant()}");

        Assert.Equal(ReplyStatus.Ok, linked.Status);
        var (slackPerson, discordPerson) = await h.QueryAsync(async db => (
            await db.Identities.Where(i => i.Key == Slack).Select(i => i.PersonId).SingleAsync(),
            await db.Identities.Where(i => i.Key == Discord).Select(i => i.PersonId).SingleAsync()));
        Assert.Equal(slackPerson, discordPerson);

        var json = System.Text.Json.JsonDocument.Parse(await CreditCommandTests.AuthorsAsync(h, AuthorFormat.Json));
        var ada = Assert.Single(json.RootElement.GetProperty("authors").EnumerateArray(), a => a.GetProperty("family").GetString() == "Quark");
        Assert.Equal(["data-curation", "software"], ada.GetProperty("contributions").EnumerateArray().Select(c => c.GetProperty("role").GetString()));
        Assert.Equal("0000-0002-1825-0097", ada.GetProperty("orcid").GetString());

        // Nothing deleted: the other person stays, marked merged, and the audit shows the identity moving.
        var merged = await h.QueryAsync(db => db.People.SingleAsync(p => p.MergedIntoPersonId == slackPerson));
        Assert.NotEqual(slackPerson, merged.Id);
        var audit = await h.QueryAsync(db => db.Audit.Where(a => a.Entity == nameof(Identity) && a.Action == "Modified" && a.Changes.Contains("PersonId")).ToListAsync());
        Assert.NotEmpty(audit);
        Assert.Equal(0, await h.QueryAsync(db => db.Contributions.CountAsync(c => c.PersonId == merged.Id)));
    }

    [Fact]
    public async Task Link_MembershipsOnBothSides_KeepStrongerRoleAndMergeTags()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync("console:jonas2", "/wg join jet-tagging");
        await h.SayAsync("console:jonas2", "/wg join calorimetry");
        await h.SayAsync("console:lucia", "/wg role set jet-tagging @jonas2 champion");

        var code = CreditCommandTests.CodeRegex().Match((await h.SayAsync("console:jonas2", "/profile link")).Plain).Value;
        var linked = await h.SayAsync("console:jonas", $"/profile link {code}");

        Assert.Equal(ReplyStatus.Ok, linked.Status);
        var memberships = await h.QueryAsync(db => db.Memberships.Where(m => m.Person.Identities.Any(i => i.Key == "console:jonas") && m.EndedAt == null).Include(m => m.Group).ToListAsync());
        var jet = memberships.Single(m => m.Group.Slug == "jet-tagging");
        Assert.Equal(MemberRole.Convener, jet.Role);
        Assert.Contains("champion", jet.Tags);
        Assert.Contains(memberships, m => m.Group.Slug == "calorimetry");
        Assert.Contains(memberships, m => m.Group.Slug == "anomaly-detection");
    }

    [Fact]
    public async Task Link_CodeUsedTwice_SecondRefused()
    {
        await using var h = await CoreHarness.StartAsync();
        var code = CreditCommandTests.CodeRegex().Match((await h.SayAsync(Slack, "/profile link")).Plain).Value;
        await h.SayAsync(Discord, $"/profile link {code}");

        var again = await h.SayAsync("discord:200000000000000002", $"/profile link {code}");

        Assert.Equal(ReplyStatus.Invalid, again.Status);
        Assert.Contains("already used", again.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_AfterTenMinutes_Expired()
    {
        await using var h = await CoreHarness.StartAsync();
        var code = CreditCommandTests.CodeRegex().Match((await h.SayAsync(Slack, "/profile link")).Plain).Value;
        h.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var late = await h.SayAsync(Discord, $"/profile link {code}");

        Assert.Equal(ReplyStatus.Invalid, late.Status);
        Assert.Contains("expired", late.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_NewerCodeIssued_OlderOneNoLongerWorks()
    {
        await using var h = await CoreHarness.StartAsync();
        var first = CreditCommandTests.CodeRegex().Match((await h.SayAsync(Slack, "/profile link")).Plain).Value;
        await h.SayAsync(Slack, "/profile link");

        var reply = await h.SayAsync(Discord, $"/profile link {first}");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
    }

    [Theory]
    [InlineData("ABCD-EFGH", ReplyStatus.NotFound)]
    [InlineData("not-a-code", ReplyStatus.Invalid)]
    public async Task Link_UnknownOrMalformedCode_ClearError(string code, ReplyStatus expected)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync(Discord, $"/profile link {code}");

        Assert.Equal(expected, reply.Status);
        Assert.Contains("/profile link", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_OwnCodeFromTheSameAccount_Refused()
    {
        await using var h = await CoreHarness.StartAsync();
        var code = CreditCommandTests.CodeRegex().Match((await h.SayAsync(Slack, "/profile link")).Plain).Value;

        var reply = await h.SayAsync(Slack, $"/profile link {code}");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("other account", reply.Plain, StringComparison.Ordinal);
    }
}
