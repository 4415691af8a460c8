using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources.Formats;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Resources;

public sealed class ResourceImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Shaped as the HEP-ML living review and INSPIRE write entries; two malformed ones and two duplicates among them.</summary>
    private const string LivingReview = """
        % HEPML living review excerpt
        @article{Qu:2019gqs,
            author = "Qu, Huilin and Gouskos, Loukas",
            title = "{Jet tagging via particle clouds}",
            eprint = "1902.08570",
            archivePrefix = "arXiv",
            primaryClass = "hep-ph",
            doi = "10.1103/PhysRevD.101.056019",
            journal = "Phys. Rev. D",
            volume = "101",
            number = "5",
            pages = "056019",
            year = "2020"
        }

        @article{Larkoski:2017jix,
            author = "Larkoski, Andrew J. and Moult, Ian and Nachman, Benjamin",
            title = "{Jet Substructure at the Large Hadron Collider: A Review of Recent Advances in Theory and Machine Learning}",
            eprint = "1709.04464",
            archivePrefix = "arXiv",
            doi = "10.1016/j.physrep.2019.11.001",
            journal = "Phys. Rept.",
            year = "2020"
        }

        @article{Broken:2020,
            author = "Someone, A.",
            title = "{Missing the comma after it}"
            year = "2020"
        }

        @misc{Kasieczka:2019dbj,
            author = {Kasieczka, Gregor and Plehn, Tilman and others},
            title = {The Machine Learning Landscape of Top Taggers},
            url = {https://arxiv.org/abs/1902.09914v3},
            keywords = {jet-tagging, Top quarks, not a topic!},
            year = 2019
        }

        @article{Duplicate:arxiv,
            title = "{Jet tagging via particle clouds (journal version)}",
            eprint = "arXiv:1902.08570v2",
            year = "2020"
        }

        @article{Duplicate:doi,
            title = "{Same DOI written as an address}",
            url = "https://doi.org/10.1016/J.PHYSREP.2019.11.001",
            year = "2020"
        }

        @article{NoTitle:2021,
            author = "Nobody, N.",
            eprint = "2101.00001",
            year = "2021"
        }

        @article{Unclosed:2021,
            title = {Never closed,
            year = "2021"

        @book{Goodfellow:2016,
            author = "Goodfellow, Ian and Bengio, Yoshua and Courville, Aaron",
            title = "Deep Learning",
            publisher = "MIT Press",
            url = "https://www.deeplearningbook.org/",
            year = "2016"
        }

        @misc{Accents:2022,
            author = "Fern{\'a}ndez, Luc{\'\i}a and M{\"u}ller, J{\"o}rg",
            title = "{Calorimetry \& showers: 50\% faster}",
            url = "https://example.org/accents",
            year = "2022"
        }
        """;

    private static async Task<ImportReport> ImportAsync(CoreHarness h, string text, ImportFormat format, params string[] groups)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var report = await new ResourceImporter(db).ImportAsync(text, format, new ImportOptions(groups, null), Ct);
        await db.SaveChangesAsync(Ct);
        return report;
    }

    [Fact]
    public async Task ImportBibTeX_WithDuplicatesAndMalformedEntries_ReportsEachByLineAndImportsTheRest()
    {
        await using var h = await CoreHarness.StartAsync();

        var report = await ImportAsync(h, LivingReview, ImportFormat.BibTeX);

        Assert.Equal(
            ["Jet tagging via particle clouds", "Jet Substructure at the Large Hadron Collider: A Review of Recent Advances in Theory and Machine Learning", "The Machine Learning Landscape of Top Taggers", "Deep Learning", "Calorimetry & showers: 50% faster"],
            report.Added.Select(r => r.Title));
        Assert.Equal(2, report.AlreadyThere);
        Assert.Equal([26, 52, 58], report.Problems.Select(p => p.Line));
        Assert.Contains("after field 'title' expected ','", report.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("title", report.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("line 59", report.Problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportBibTeX_RecognisesArxivIdsDoisAndAuthors()
    {
        await using var h = await CoreHarness.StartAsync();

        await ImportAsync(h, LivingReview, ImportFormat.BibTeX);

        var all = await h.QueryAsync(db => db.Resources.OrderBy(r => r.Id).ToListAsync());
        var particleNet = all[0];
        Assert.Equal("1902.08570", particleNet.ArxivId);
        Assert.Equal("10.1103/physrevd.101.056019", particleNet.Doi);
        Assert.Equal("https://arxiv.org/abs/1902.08570", particleNet.Url);
        Assert.Equal(["Huilin Qu", "Loukas Gouskos"], particleNet.Authors);
        Assert.Equal(2020, particleNet.Year);
        Assert.Equal(ResourceKind.Paper, particleNet.Kind);
        var landscape = all.Single(r => r.Title.StartsWith("The Machine", StringComparison.Ordinal));
        Assert.Equal("1902.09914", landscape.ArxivId);
        Assert.Equal(["Gregor Kasieczka", "Tilman Plehn", "et al."], landscape.Authors);
        Assert.Equal(["jet-tagging", "top-quarks"], landscape.Topics);
        Assert.Equal(ResourceKind.Book, all.Single(r => r.Title == "Deep Learning").Kind);
        Assert.Equal(["Lucía Fernández", "Jörg Müller"], all.Single(r => r.Title.StartsWith("Calorimetry", StringComparison.Ordinal)).Authors);
    }

    [Fact]
    public async Task ImportBibTeX_Twice_ChangesNothingTheSecondTime()
    {
        await using var h = await CoreHarness.StartAsync();
        await ImportAsync(h, LivingReview, ImportFormat.BibTeX, "jet-tagging");
        var resources = await h.QueryAsync(db => db.Resources.CountAsync());
        var audit = await h.QueryAsync(db => db.Audit.CountAsync());

        var again = await ImportAsync(h, LivingReview, ImportFormat.BibTeX, "jet-tagging");

        Assert.False(again.ChangedAnything);
        Assert.Empty(again.Added);
        Assert.Equal(7, again.AlreadyThere);
        Assert.Equal(resources, await h.QueryAsync(db => db.Resources.CountAsync()));
        Assert.Equal(audit, await h.QueryAsync(db => db.Audit.CountAsync()));
    }

    [Fact]
    public async Task ImportBibTeX_IntoAnotherGroup_AddsExistingResourcesToIt()
    {
        await using var h = await CoreHarness.StartAsync();
        await ImportAsync(h, LivingReview, ImportFormat.BibTeX, "jet-tagging");

        var report = await ImportAsync(h, LivingReview, ImportFormat.BibTeX, "training");

        Assert.Equal(5, report.JoinedGroups);
        var training = await h.QueryAsync(db => db.ResourceGroups.CountAsync(g => g.Group.Slug == "training"));
        Assert.Equal(5, training);
    }

    [Fact]
    public async Task Import_UnknownGroup_ImportsNothingAndSaysWhy()
    {
        await using var h = await CoreHarness.StartAsync();

        var report = await ImportAsync(h, LivingReview, ImportFormat.BibTeX, "no-such-group");

        Assert.Empty(report.Added);
        Assert.Contains("no-such-group", Assert.Single(report.Problems).Message, StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.Resources.CountAsync()));
    }

    [Fact]
    public async Task ImportCsv_RowsWithProblems_ReportedByLineAndTheRestImported()
    {
        await using var h = await CoreHarness.StartAsync();
        const string csv = """
            title,url,kind,level,topics,authors,year,groups
            HSF training,https://hepsoftwarefoundation.org/training/curriculum.html,tutorial,beginner,software; training,,2019,training
            "Quoted, with comma",https://example.org/a,course,,,"Doe, Jane; Roe, Richard",2020,
            No address,,paper,,,,,
            '=SUM(A1),https://example.org/formula,paper,,,,,
            Bad kind,https://example.org/b,poster,,,,,
            """;

        var report = await ImportAsync(h, csv, ImportFormat.Csv);

        Assert.Equal(["HSF training", "Quoted, with comma", "=SUM(A1)"], report.Added.Select(r => r.Title));
        Assert.Equal([4, 6], report.Problems.Select(p => p.Line));
        Assert.Contains("poster", report.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal(["Doe, Jane", "Roe, Richard"], report.Added[1].Authors);
        Assert.Equal("training", (await h.QueryAsync(db => db.ResourceGroups.Include(g => g.Group).SingleAsync())).Group.Slug);
    }

    [Fact]
    public async Task ImportCsv_WithoutTitleColumn_SaysWhichColumnsAreRead()
    {
        await using var h = await CoreHarness.StartAsync();

        var report = await ImportAsync(h, "name,link\nx,https://example.org\n", ImportFormat.Csv);

        Assert.Empty(report.Added);
        Assert.Equal(1, Assert.Single(report.Problems).Line);
    }

    [Theory]
    [InlineData("{\\\"o}", "ö")]
    [InlineData("\\\"{o}", "ö")]
    [InlineData("\\'e", "é")]
    [InlineData("\\c{c}", "ç")]
    [InlineData("{\\ss}", "ß")]
    [InlineData("pp\\to t\\bar{t}", "pptt")]
    [InlineData("50\\%~and 1--2", "50% and 1–2")]
    [InlineData("{{CMS}} Collaboration", "CMS Collaboration")]
    public void LatexDecode_CommonForms_BecomeUnicode(string latex, string expected)
    {
        Assert.Equal(expected, Latex.Decode(latex));
    }

    [Fact]
    public void BibTeXReader_StringMacrosAndConcatenation_AreExpanded()
    {
        var (entries, problems) = BibTeXReader.Read("""
            @string{iml = "Inter-experimental"}
            @comment{ anything {here} }
            @misc{k, title = iml # " Machine Learning " # {Group}, month = may}
            """);

        Assert.Empty(problems);
        Assert.Equal("Inter-experimental Machine Learning Group", Assert.Single(entries)["title"]);
        Assert.Equal("May", entries[0]["month"]);
    }

    [Fact]
    public void BibTeXReader_HostileInput_ReportsProblemsAndNeverThrows()
    {
        foreach (var text in new[] { "@", "@article", "@article{", "@article{k,", "@article{k, title = {a{b}", "@@@{{{", "@misc{k, title = undefinedmacro}", new string('{', 10_000), "@misc{k, title=\"" + new string('x', 200_000) + "\"}" })
        {
            var (entries, problems) = BibTeXReader.Read(text);
            Assert.True(entries.Count + problems.Count <= 3);
        }
    }
}
