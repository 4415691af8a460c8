using System.Net;
using System.Text.Json;
using CollabBot.IntegrationTests.Support;
using nietras.SeparatedValues;

namespace CollabBot.IntegrationTests;

/// <summary>The report page and its downloads on the real host, over the demo community seeded at its first start.</summary>
public sealed class ReportPagesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GroupPage_LinksItsReport()
    {
        var page = await factory.CreateClient().GetStringAsync("/wg/calorimetry", Ct);

        Assert.Contains(Html.Links(page), l => l.Href == "/wg/calorimetry/report");
    }

    [Fact]
    public async Task ReportPage_HasAHeadingPerSectionOfTheJsonAndTheirTables()
    {
        var client = factory.CreateClient();
        var page = await client.GetStringAsync("/wg/calorimetry/report", Ct);
        using var json = JsonDocument.Parse(await client.GetStringAsync("/wg/calorimetry/report.json", Ct));

        PageShape.AssertAccessible(page);
        var sections = json.RootElement.GetProperty("sections").EnumerateArray().ToList();
        var headings = Html.Elements(page, "h2").Select(h => Html.Text(h.Inner)).Where(h => h != CollabBot.Web.Pages.ReportPage.ChartsHeading).ToList();
        Assert.Equal(sections.Select(s => s.GetProperty("heading").GetString()), headings);
        Assert.Contains("meetings", sections.Select(s => s.GetProperty("id").GetString()));
        Assert.Contains("challenges", sections.Select(s => s.GetProperty("id").GetString())); // the demo challenge on calo-showers
        Assert.Contains("Leaders at the end of the period", Html.Text(Html.Section(page, "Challenges")), StringComparison.Ordinal);
        var members = Html.Text(Html.Section(page, "Members"));
        var joined = sections.Single(s => s.GetProperty("id").GetString() == "members").GetProperty("counts")[0].GetProperty("value").GetInt32();
        Assert.Contains($"New members: {joined}", members, StringComparison.Ordinal);
        Assert.True(joined > 0, "the demo community was seeded within the default period");
    }

    [Fact]
    public async Task Csv_IsSafeCsvWithTheSameCountsAsJson()
    {
        var client = factory.CreateClient();
        using var response = await client.GetAsync("/wg/calorimetry/report.csv?since=2026-01-01&until=2027-12-31", Ct);
        using var json = JsonDocument.Parse(await client.GetStringAsync("/wg/calorimetry/report.json?since=2026-01-01&until=2027-12-31", Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(await response.Content.ReadAsStringAsync(Ct));
        var counts = reader.Enumerate(r => (Table: r["table"].ToString(), Label: r["column"].ToString(), Value: r["value"].ToString()))
            .Where(r => r.Table == "counts").Select(r => (r.Label, r.Value)).ToList();
        var expected = json.RootElement.GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("counts").EnumerateArray())
            .Select(c => (c.GetProperty("label").GetString()!, c.GetProperty("value").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(expected, counts);
    }

    [Fact]
    public async Task ReportPage_ShowsEachChartAsWellFormedSvgWithItsNumbersInTheAlt()
    {
        var client = factory.CreateClient();
        var page = await client.GetStringAsync("/wg/calorimetry/report?since=2026-07-01&until=2027-06-30", Ct);

        var images = Html.StartTags(page, "img").Select(a => (Src: Html.Attr(a, "src")!, Alt: Html.Attr(a, "alt") ?? "")).ToList();
        Assert.Equal(Core.Reports.ActivityCharts.Names.Count, images.Count);
        foreach (var (src, alt) in images)
        {
            Assert.StartsWith("/wg/calorimetry/report/", src, StringComparison.Ordinal);
            Assert.Contains("2026-12: ", alt, StringComparison.Ordinal);
            using var response = await client.GetAsync(src, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            var svg = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.NotEmpty(svg.Root.Descendants());
            Assert.Contains("2026-12", svg.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("meetings")]
    [InlineData("members")]
    public async Task ChartPng_IsAPngImage(string chart)
    {
        using var response = await factory.CreateClient().GetAsync($"/wg/calorimetry/report/{chart}.png", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        Assert.True(bytes.Length > 1000, $"a {bytes.Length}-byte PNG has nothing drawn on it");
    }

    [Theory]
    [InlineData("/wg/calorimetry/report/pie.svg", HttpStatusCode.NotFound)]
    [InlineData("/wg/calorimetry/report/members.gif", HttpStatusCode.NotFound)]
    [InlineData("/wg/calorimetry/report?since=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/wg/calorimetry/report.csv?since=2026-12-01&until=2026-01-01", HttpStatusCode.BadRequest)]
    [InlineData("/wg/calorimetry/report.xlsx", HttpStatusCode.NotFound)]
    [InlineData("/wg/calorimetri/report", HttpStatusCode.NotFound)]
    public async Task Report_BadRequest_IsASentenceNot500(string path, HttpStatusCode expected)
    {
        using var response = await factory.CreateClient().GetAsync(path, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync(Ct)));
    }
}
