using System.Text.RegularExpressions;
using CollabBot.Core.Authors;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Tests.Credit;

public sealed partial class CreditCommandTests
{
    private const string Paper = "jet-tagging-benchmark";

    [Fact]
    public async Task Add_MemberRecords_PendingAndConvenersGetConfirmButtons()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:hiroshi", $"/credit add {Paper} me software --degree lead --note \"GNN baseline\"");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        Assert.Contains("pending", reply.Plain, StringComparison.Ordinal);
        var c = await LatestAsync(h);
        Assert.Equal((ContributionStatus.Pending, CreditRole.Software, ContributionDegree.Lead, "GNN baseline"), (c.Status, c.Role, c.Degree, c.Note));
        var toConveners = await h.QueryAsync(db => db.OutboundMessages.Where(m => m.IsDirect && m.Body.Contains($"/credit confirm {c.Id}")).Select(m => m.Target).ToListAsync());
        Assert.Contains("console:jonas", toConveners);
        Assert.Contains("discord:100000000000000101", toConveners);
        Assert.Contains("console:lucia", toConveners);
        Assert.DoesNotContain("console:hiroshi", toConveners);
    }

    [Fact]
    public async Task Add_ConvenerRecords_ConfirmedAtOnceAndContributorTold()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:lucia", $"/credit add {Paper} @hiroshi data_curation");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        var c = await LatestAsync(h);
        Assert.Equal((ContributionStatus.Confirmed, CreditRole.DataCuration, ContributionDegree.Equal), (c.Status, c.Role, c.Degree));
        Assert.True(await h.QueryAsync(db => db.OutboundMessages.AnyAsync(m => m.Target == "console:hiroshi" && m.Body.Contains("confirmed"))));
    }

    [Fact]
    public async Task Add_NotAMemberOfTheGroup_Refused()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:priya", $"/credit add {Paper} me software");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Contains("/wg join jet-tagging", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_WrongRole_ListsTheValidRoles()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:hiroshi", $"/credit add {Paper} me sofware");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("writing-review-editing", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_SameRoleAgain_RefusedWithTheExistingNumber()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:tomas", $"/credit add {Paper} me software");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Matches("already has Software on jet-tagging-benchmark: #\\d+, lead, confirmed", reply.Plain);
    }

    [Fact]
    public async Task Add_UnknownProject_SuggestsTheClosest()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:hiroshi", "/credit add jet-tagging-benchmrk me software");

        Assert.Equal(ReplyStatus.NotFound, reply.Status);
        Assert.Contains("did you mean jet-tagging-benchmark?", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_MemberOfTheGroup_RefusedAndNothingChanges()
    {
        await using var h = await CoreHarness.StartAsync();
        var id = await PendingIdAsync(h, "hiroshi");

        var reply = await h.SayAsync("console:tomas", $"/credit confirm {id}");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Equal(ContributionStatus.Pending, await StatusAsync(h, id));
    }

    [Fact]
    public async Task Confirm_ConvenerOfAnotherGroup_Refused()
    {
        await using var h = await CoreHarness.StartAsync();
        var id = await PendingIdAsync(h, "hiroshi");

        var reply = await h.SayAsync("console:amara", $"/credit confirm {id}");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Contains("Only a convener of jet-tagging", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(ContributionStatus.Pending, await StatusAsync(h, id));
    }

    [Fact]
    public async Task Confirm_SomeIdsFromAnotherGroup_ChangesNothingAtAll()
    {
        await using var h = await CoreHarness.StartAsync();
        var mine = await PendingIdAsync(h, "kwame");
        var theirs = await PendingIdAsync(h, "hiroshi");

        var reply = await h.SayAsync("console:amara", $"/credit confirm {mine} {theirs}");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Equal(ContributionStatus.Pending, await StatusAsync(h, mine));
    }

    [Fact]
    public async Task Confirm_Convener_ConfirmsAndTellsTheContributor()
    {
        await using var h = await CoreHarness.StartAsync();
        var id = await PendingIdAsync(h, "hiroshi");

        var reply = await h.SayAsync("console:lucia", $"/credit confirm {id}");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        Assert.Equal(ContributionStatus.Confirmed, await StatusAsync(h, id));
        Assert.True(await h.QueryAsync(db => db.OutboundMessages.AnyAsync(m => m.Target == "console:hiroshi" && m.Body.Contains("was confirmed by Luc"))));
        var text = await AuthorsAsync(h, AuthorFormat.Text);
        Assert.Contains("H. Tanaka", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_UnknownId_NotFound()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:lucia", "/credit confirm 9999");

        Assert.Equal(ReplyStatus.NotFound, reply.Status);
    }

    [Fact]
    public async Task Reject_WithReason_ContributorToldWithTheReason()
    {
        await using var h = await CoreHarness.StartAsync();
        var id = await PendingIdAsync(h, "hiroshi");

        var reply = await h.SayAsync("console:jonas", $"/credit reject {id} --reason \"Not in this paper\"");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        var c = await h.QueryAsync(db => db.Contributions.SingleAsync(x => x.Id == id));
        Assert.Equal((ContributionStatus.Rejected, "Not in this paper"), (c.Status, c.Reason));
        Assert.True(await h.QueryAsync(db => db.OutboundMessages.AnyAsync(m => m.Target == "console:hiroshi" && m.Body.Contains("Not in this paper"))));
    }

    [Fact]
    public async Task Authors_PendingAndRejected_NeverAppearInAnyFormat()
    {
        await using var h = await CoreHarness.StartAsync();

        foreach (var format in Enum.GetValues<AuthorFormat>())
        {
            var content = await AuthorsAsync(h, format);

            // Hiroshi Tanaka has only a pending contribution; Aylin Demir's review was rejected (her validation counts).
            Assert.DoesNotContain("Tanaka", content, StringComparison.Ordinal);
            Assert.DoesNotContain("review", content, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Demir", content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Authors_ShortText_InlineWithDownloadLink()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:sami", $"/credit authors {Paper}");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        Assert.Contains("J. van der Berg¹, T. de la Cruz², A. Demir³", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/authors/jet-tagging-benchmark.txt", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authors_LongOutput_SaysSoAndGivesTheDownloadUrl()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:sami", $"/credit authors {Paper} --format json --order contribution --min-degree equal");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        Assert.Contains("too long for chat", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/authors/jet-tagging-benchmark.json?order=contribution&min-degree=equal", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authors_Mononym_WarnsInFormatsThatNeedTwoParts()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:sami", $"/credit authors {Paper} --format zenodo");

        Assert.Contains("Sami has a single name", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pending_Convener_ListsWaitingContributionsOfTheirGroupsOnly()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", "/credit pending");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        Assert.Contains("Kwame Mensah — Validation (supporting) on calo-showers-v2", reply.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Tanaka", reply.Plain, StringComparison.Ordinal);
        Assert.NotNull(reply.Actions);
    }

    [Fact]
    public async Task Pending_Member_Refused()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:tomas", "/credit pending");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
    }

    [Fact]
    public async Task ProjectCreate_Convener_CreatesAndSlugIsUnique()
    {
        await using var h = await CoreHarness.StartAsync();

        var created = await h.SayAsync("console:sofia", "/credit project create open-data od-release \"Open data release 1\" --kind dataset");
        var again = await h.SayAsync("console:sofia", "/credit project create open-data od-release \"Again\"");
        var member = await h.SayAsync("console:ana", "/credit project create open-data od-other \"Other\"");

        Assert.Equal(ReplyStatus.Ok, created.Status);
        Assert.Equal(ReplyStatus.Invalid, again.Status);
        Assert.Equal(ReplyStatus.Refused, member.Status);
        var project = await h.QueryAsync(db => db.Projects.Include(p => p.Group).SingleAsync(p => p.Slug == "od-release"));
        Assert.Equal((ProjectKind.Dataset, "open-data"), (project.Kind, project.Group.Slug));
    }

    [Fact]
    public async Task Projects_ListsContributorCounts()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:sami", "/credit projects jet-tagging");

        Assert.Contains("jet-tagging-benchmark — A common benchmark for jet flavour tagging: transformers, graphs & point clouds (paper, jet-tagging): 7 authors, 1 pending", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndMine_ShowStatuses()
    {
        await using var h = await CoreHarness.StartAsync();

        var list = await h.SayAsync("console:sami", $"/credit list {Paper} --person @aylin");
        var mine = await h.SayAsync("console:aylin", "/credit mine");

        Assert.Contains("Writing – review & editing (equal), rejected (Recorded twice by mistake; see validation)", list.Plain, StringComparison.Ordinal);
        Assert.Contains("Validation (equal), confirmed", mine.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_ListsTheFourteenRolesAndDegrees()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:sami", "/credit roles");

        Assert.Equal(14, CreditTaxonomy.Roles.Count(r => reply.Plain.Contains(r.Name, StringComparison.Ordinal)));
        Assert.Contains("supporting", reply.Plain, StringComparison.Ordinal);
    }

    private static Task<Contribution> LatestAsync(CoreHarness h) =>
        h.QueryAsync(db => db.Contributions.OrderByDescending(c => c.Id).FirstAsync());

    private static Task<int> PendingIdAsync(CoreHarness h, string console) =>
        h.QueryAsync(db => db.Contributions.Where(c => c.Status == ContributionStatus.Pending && c.Person.Identities.Any(i => i.Key == "console:" + console)).Select(c => c.Id).FirstAsync());

    private static Task<ContributionStatus> StatusAsync(CoreHarness h, int id) =>
        h.QueryAsync(db => db.Contributions.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    internal static Task<string> AuthorsAsync(CoreHarness h, AuthorFormat format, string project = Paper) =>
        h.QueryAsync(async db => AuthorFormats.Render(format, (await new AuthorListQuery(db).LoadAsync(project, new AuthorListOptions(), new DateOnly(2026, 11, 25)))!).Content);

    [GeneratedRegex("[A-Z0-9]{4}-[A-Z0-9]{4}")]
    internal static partial Regex CodeRegex();
}
