using CollabBot.Core.Datasets;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.Serialization;

namespace CollabBot.Core.Tests.Datasets;

public sealed class DatasetCommandTests
{
    private const string Register = "/dataset register calorimetry calo \"Calo showers\" --repo collab-demo/calo --doi https://doi.org/10.5281/zenodo.42 --license CC-BY-4.0";

    private static async Task<CoreHarness> WithDatasetAsync()
    {
        var h = await CoreHarness.StartAsync();
        var reply = await h.SayAsync("console:amara", Register);
        Assert.Equal(ReplyStatus.Ok, reply.Status);
        return h;
    }

    [Theory]
    [InlineData(Register)]
    [InlineData("/dataset version calo 1.0.0")]
    [InlineData("/dataset track calo")]
    [InlineData("/dataset untrack calo")]
    public async Task ConvenerCommand_PlainMember_IsRefusedAndChangesNothing(string line)
    {
        await using var h = await WithDatasetAsync();
        var before = await h.QueryAsync(db => db.Audit.CountAsync());

        var reply = await h.SayAsync("console:noah", line.Replace("calo \"Calo", "calo2 \"Calo", StringComparison.Ordinal), channel: "C1");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Contains("convener of calorimetry", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(before, await h.QueryAsync(db => db.Audit.CountAsync()));
    }

    [Fact]
    public async Task Register_Convener_StoresRepoDoiAndLicenceNormalised()
    {
        await using var h = await WithDatasetAsync();

        var d = await h.QueryAsync(db => db.Datasets.SingleAsync(x => x.Slug == "calo"));

        Assert.Equal(("collab-demo", "calo", "10.5281/zenodo.42", "CC-BY-4.0", "calo"), (d.RepoOwner, d.RepoName, d.Doi, d.License, d.IssueLabel));
    }

    [Fact]
    public async Task Register_SlugTakenInAnotherGroup_IsInvalid()
    {
        await using var h = await WithDatasetAsync();

        var reply = await h.SayAsync(CoreHarness.Admin, "/dataset register tracking calo \"Other\"");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("in calorimetry", reply.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--repo not-a-repo")]
    [InlineData("--doi 11.1/x")]
    [InlineData("--label a,b")]
    [InlineData("--license \"CC BY\"")]
    public async Task Register_BadOption_IsInvalid(string option)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", $"/dataset register calorimetry calo \"Calo\" {option}");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
    }

    [Fact]
    public async Task Version_SameVersionAgain_IsRefusedAndTheFirstIsKept()
    {
        await using var h = await WithDatasetAsync();
        var first = await h.SayAsync("console:amara", "/dataset version calo 1.0.0 --doi 10.5281/zenodo.43 --date 2026-01-15 --notes \"First release\"");

        var again = await h.SayAsync("console:elena", "/dataset version calo 1.0.0 --doi 10.5281/zenodo.99 --notes \"Overwrite?\"");

        Assert.Equal(ReplyStatus.Ok, first.Status);
        Assert.Equal(ReplyStatus.Refused, again.Status);
        Assert.Contains("never overwritten", again.Plain, StringComparison.Ordinal);
        Assert.Contains("1.0.1", again.Plain, StringComparison.Ordinal);
        var v = await h.QueryAsync(db => db.DatasetVersions.SingleAsync());
        Assert.Equal(("10.5281/zenodo.43", "First release", "2026-01-15"), (v.Doi, v.Notes, v.ReleasedOn));
    }

    [Fact]
    public async Task Version_New_IsAnnouncedInGroupChannelsAndTrackingChannelsOnce()
    {
        await using var h = await WithDatasetAsync();
        await h.SayAsync("console:amara", "/dataset track calo", channel: "C-track");
        await h.SayAsync("console:amara", "/wg link calorimetry", channel: "C-both");
        await h.SayAsync("console:amara", "/dataset track calo", channel: "C-both");

        var reply = await h.SayAsync("console:amara", "/dataset version calo 1.1.0 --notes \"More showers\"");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        var targets = await h.QueryAsync(db => db.OutboundMessages.Where(m => m.Body.Contains("New version")).Select(m => m.Target).ToListAsync());
        Assert.Equal(["1000000000000000011", "C-both", "C-track", "C0CALO0001"], targets.Order(StringComparer.Ordinal));
        Assert.Contains("Announced in 4 channels", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Untrack_EndsTrackingWithoutDeletingIt()
    {
        await using var h = await WithDatasetAsync();
        await h.SayAsync("console:amara", "/dataset track calo", channel: "C1");

        var reply = await h.SayAsync("console:amara", "/dataset untrack calo", channel: "C1");

        Assert.Equal(ReplyStatus.Ok, reply.Status);
        var t = await h.QueryAsync(db => db.DatasetTrackings.SingleAsync());
        Assert.NotNull(t.EndedAt);
    }

    [Fact]
    public async Task Track_WithoutChannel_SaysWhereToRunIt()
    {
        await using var h = await WithDatasetAsync();

        var reply = await h.SayAsync("console:amara", "/dataset track calo");

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("--channel", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_UnknownDataset_SuggestsClosest()
    {
        await using var h = await WithDatasetAsync();

        var reply = await h.SayAsync("console:newcomer", "/dataset info caol");

        Assert.Equal(ReplyStatus.NotFound, reply.Status);
        Assert.Contains("did you mean calo?", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_GitHubNotConfigured_KeepsTheTextAndSaysWhy()
    {
        await using var h = await WithDatasetAsync();

        var reply = await h.SayAsync("console:noah", "/dataset issue calo \"Wrong units\" --body \"GeV, not MeV\"");

        Assert.Equal(ReplyStatus.Failed, reply.Status);
        Assert.Contains("GitHub:Token", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Wrong units", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("GeV, not MeV", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ShowsLatestVersion()
    {
        await using var h = await WithDatasetAsync();
        await h.SayAsync("console:amara", "/dataset version calo 1.0.0 --date 2026-01-15");
        await h.SayAsync("console:amara", "/dataset version calo 1.1.0 --date 2026-06-01");

        var reply = await h.SayAsync("console:newcomer", "/dataset list calorimetry");

        Assert.Contains("latest 1.1.0 (2026-06-01), 2 versions", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cite_BibTeX_HasKeyTitleAuthorsFromDatasetTeamDoiVersionUrlYearAndSaysWhereAuthorsCameFrom()
    {
        await using var h = await WithDatasetAsync();
        await h.SayAsync("console:amara", "/dataset version calo 1.1.0 --doi 10.5281/zenodo.44 --date 2026-06-01");

        var reply = await h.SayAsync("console:newcomer", "/dataset cite calo");

        var text = reply.Plain;
        Assert.Contains("@misc{calo-v1.1.0,", text, StringComparison.Ordinal);
        Assert.Equal(text.Count(c => c == '{'), text.Count(c => c == '}'));
        Assert.Contains("author    = {Lindqvist, Sofia and Schmidt, Noah}", text, StringComparison.Ordinal);
        Assert.Contains("title     = {{Calo showers}},\n", text, StringComparison.Ordinal);
        Assert.Contains("year      = {2026}", text, StringComparison.Ordinal);
        Assert.Contains("version   = {1.1.0}", text, StringComparison.Ordinal);
        Assert.Contains("doi       = {10.5281/zenodo.44}", text, StringComparison.Ordinal);
        Assert.Contains("url       = {https://doi.org/10.5281/zenodo.44}", text, StringComparison.Ordinal);
        Assert.Contains("dataset-team members of calorimetry", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cite_Text_ReadsAsACitation()
    {
        await using var h = await WithDatasetAsync();
        await h.SayAsync("console:amara", "/dataset version calo 1.1.0 --doi 10.5281/zenodo.44 --date 2026-06-01");

        var reply = await h.SayAsync("console:newcomer", "/dataset cite calo --format text");

        Assert.Contains("Lindqvist, S., & Schmidt, N. (2026). Calo showers (Version 1.1.0) [Data set]. https://doi.org/10.5281/zenodo.44", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cite_Cff_IsYamlWithTheCitationFields()
    {
        await using var h = await WithDatasetAsync();
        await h.SayAsync("console:amara", "/dataset version calo 1.0.0 --doi 10.5281/zenodo.43 --date 2026-01-15");

        var reply = await h.SayAsync("console:newcomer", "/dataset cite calo --version 1.0.0 --format cff");

        var code = reply.Sections[0].Lines.Select(l => string.Concat(l.Parts.OfType<Code>().Select(c => c.Value)));
        var cff = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(string.Join("\n", code));
        Assert.Equal("1.2.0", cff["cff-version"]);
        Assert.Equal("dataset", cff["type"]);
        Assert.Equal("Calo showers", cff["title"]);
        Assert.Equal("1.0.0", cff["version"]);
        Assert.Equal("10.5281/zenodo.43", cff["doi"]);
        Assert.Equal("2026-01-15", cff["date-released"]);
        Assert.Equal("CC-BY-4.0", cff["license"]);
        var authors = Assert.IsAssignableFrom<List<object>>(cff["authors"]);
        Assert.Equal(2, authors.Count);
    }

    [Fact]
    public void Citations_SpecialCharacters_AreEscapedForBibTeXAndQuotedForYaml()
    {
        var input = new CitationInput("x", "50% of {jets} & \"more\"", "G", [new CitationAuthor("A B", "Zoë", "O'Neil", "de", null, "Lab: \"X\"")], "1_0", null, null, null, 2026, null, null);

        var bib = Citations.BibTeX(input);
        var cff = Citations.Cff(input);

        Assert.Contains(@"title     = {{50\% of {\textbraceleft}jets{\textbraceright} \& ""more""}},", bib, StringComparison.Ordinal);
        Assert.Contains("author    = {de O'Neil, Zoë}", bib, StringComparison.Ordinal);
        Assert.Contains(@"version   = {1\_0}", bib, StringComparison.Ordinal);
        var parsed = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(cff);
        Assert.Equal("50% of {jets} & \"more\"", parsed["title"]);
    }

    [Fact]
    public async Task Cite_GroupWithoutDatasetTeam_UsesConvenersAndSaysSo()
    {
        await using var h = await CoreHarness.StartAsync();
        await h.SayAsync(CoreHarness.Admin, "/dataset register jet-tagging jets \"Jets\"");

        var reply = await h.SayAsync("console:newcomer", "/dataset cite jets");

        Assert.Contains("conveners of jet-tagging", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("No version is recorded yet", reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autocomplete_Dataset_SuggestsBySlugAndTitle()
    {
        await using var h = await WithDatasetAsync();

        var suggestions = await h.Services.GetRequiredService<Core.Commands.Autocomplete>().SuggestAsync(Core.Commands.OptionType.Dataset, "show", TestContext.Current.CancellationToken);

        Assert.Equal("calo", Assert.Single(suggestions).Value);
    }
}
