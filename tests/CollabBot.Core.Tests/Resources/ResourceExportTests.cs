using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using CollabBot.Core.Formats;
using CollabBot.Core.Resources.Formats;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using nietras.SeparatedValues;

namespace CollabBot.Core.Tests.Resources;

/// <summary>Every export read back whole by a parser of its own: Sep, our BibTeX reader, System.Text.Json, Markdig, SyndicationFeed and XDocument.</summary>
public sealed class ResourceExportTests
{
    private static readonly DateTimeOffset Added = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static Resource Make(int id, string title, string url = "https://example.org/r", params string[] authors)
    {
        var group = new WorkingGroup { Id = 1, Slug = "jet-tagging", Name = "Jet Tagging" };
        var r = new Resource
        {
            Id = id,
            Title = title,
            Url = url,
            Kind = ResourceKind.Paper,
            Level = ResourceLevel.Advanced,
            Authors = [.. authors],
            Year = 2019,
            Topics = ["jet-tagging"],
            ArxivId = id == 1 ? "1902.08570" : null,
            Description = "Point clouds & graphs <b>bold</b>",
            AddedAt = Added.AddDays(id),
        };
        r.Groups.Add(new ResourceGroup { Group = group, GroupId = 1, Resource = r, ResourceId = id });
        return r;
    }

    private static readonly string[] Hostile =
    [
        "=cmd|' /C calc'!A0",
        "+SUM(1,2)",
        "-2+3",
        "@SUM(A1)",
        "\tTabbed",
        "Comma, \"quotes\" and\nnewline",
        "50% of {braces} & #hash \\ back_slash ~ ^ $math$",
        "[click](javascript:alert(1)) <script>x</script> *stars* # heading",
    ];

    [Fact]
    public void Csv_HostileValues_AreGuardedAndReadBackWhole()
    {
        var resources = Hostile.Select((t, i) => Make(i + 1, t, authors: [t])).ToList();

        var csv = ResourceExport.Csv(resources);

        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(csv);
        Assert.Equal(ResourceExport.CsvColumns, reader.Header.ColNames);
        var titles = new List<string>();
        foreach (var row in reader)
        {
            titles.Add(row["title"].ToString());
            Assert.Equal("jet-tagging", row["groups"].ToString());
        }

        Assert.Equal(Hostile.Select(SafeCsv.Cell), titles);
        Assert.All(titles, t => Assert.False(SafeCsv.StartsLikeFormula(t)));
    }

    [Fact]
    public void Csv_NoResources_IsTheHeaderRow()
    {
        Assert.Equal(string.Join(",", ResourceExport.CsvColumns) + "\r\n", ResourceExport.Csv([]));
    }

    [Fact]
    public void BibTeX_SpecialCharacters_ReadBackAsWritten()
    {
        // Stored titles are single lines (ResourceInput); the CSV test above covers raw tabs and newlines.
        var resources = Hostile.Select((t, i) => Make(i + 1, ResourceInput.OneLine(t), authors: ["Huilin Qu", "Loukas Gouskos"])).ToList();

        var bib = ResourceExport.BibTeX(resources);

        var (entries, problems) = BibTeXReader.Read(bib);
        Assert.Empty(problems);
        Assert.Equal(resources.Count, entries.Count);
        Assert.Equal(resources.Select(r => r.Title), entries.Select(e => e["title"]));
        Assert.Equal(["Huilin Qu", "Loukas Gouskos"], entries[0].Authors);
        Assert.Equal("1902.08570", entries[0]["eprint"]);
        Assert.Equal("arXiv", entries[0]["archiveprefix"]);
        Assert.Equal("paper", entries[0]["kind"]);
        Assert.Equal(resources.Select(ResourceExport.Key).Distinct().Count(), entries.Select(e => e.Key).Distinct().Count());
    }

    [Fact]
    public void BibTeX_TitleThatTriesToCloseTheEntry_StaysOneEntry()
    {
        var bib = ResourceExport.BibTeX([Make(1, "x}}\n@misc{evil, title={owned}")]);

        var (entries, problems) = BibTeXReader.Read(bib);

        Assert.Empty(problems);
        Assert.Equal("x}} @misc{evil, title={owned}", Assert.Single(entries)["title"]);
    }

    [Fact]
    public void Json_Resources_HaveStableKeysAndEscapedMarkup()
    {
        var json = ResourceExport.ToJson([Make(1, "Jet tagging via particle clouds", "https://arxiv.org/abs/1902.08570", "Huilin Qu")]);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("collabbot.resources/1", doc.RootElement.GetProperty("schema").GetString());
        var r = doc.RootElement.GetProperty("resources")[0];
        Assert.Equal("#1", r.GetProperty("ref").GetString());
        Assert.Equal("paper", r.GetProperty("kind").GetString());
        Assert.Equal("advanced", r.GetProperty("level").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("audience").ValueKind);
        Assert.Equal("jet-tagging", r.GetProperty("groups")[0].GetString());
        Assert.Equal("Point clouds & graphs <b>bold</b>", r.GetProperty("description").GetString());
        Assert.DoesNotContain("<b>", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ReadingList_EachItemOneLinkWithTheTitleAsText()
    {
        var resources = Hostile.Select((t, i) => Make(i + 1, ResourceInput.OneLine(t), $"https://example.org/r{i}?a=1&b=(2)")).ToList();

        var markdown = ResourceExport.Markdown("Start here: jet-tagging", resources);

        var doc = Markdown.Parse(markdown);
        Assert.Equal("Start here: jet-tagging", Inline(doc.Descendants<HeadingBlock>().Single().Inline));
        var items = doc.Descendants<ListItemBlock>().ToList();
        Assert.Equal(resources.Count, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var link = Assert.Single(items[i].Descendants<LinkInline>());
            Assert.Equal(resources[i].Url, link.Url);
            Assert.Equal(resources[i].Title, Inline(link));
        }

        Assert.Empty(doc.Descendants<HtmlInline>());
        Assert.Single(doc.Descendants<HeadingBlock>());
    }

    [Fact]
    public void Atom_Feed_HasTheRequiredElementsOfRfc4287()
    {
        var resources = new[] { Make(1, "Jet tagging via particle clouds", "https://arxiv.org/abs/1902.08570", "Huilin Qu"), Make(2, "Control \u0001 character", "https://example.org/2") };
        var bot = new BotOptions { PublicUrl = "https://collab.example.org" };

        var xml = ResourceFeed.Atom(resources, group: null, bot, Added.AddDays(10));

        using var reader = XmlReader.Create(new StringReader(xml));
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal("https://collab.example.org/resources.atom", feed.Id);
        Assert.Equal("New resources in the library", feed.Title.Text);
        Assert.Equal(Added.AddDays(2), feed.LastUpdatedTime);
        Assert.Equal(["https://collab.example.org/resources/2", "https://collab.example.org/resources/1"], feed.Items.Select(i => i.Id));

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal(atom + "feed", root.Name);
        Assert.NotNull(root.Element(atom + "author")?.Element(atom + "name"));
        foreach (var name in new[] { "id", "title", "updated" })
        {
            Assert.False(string.IsNullOrWhiteSpace(root.Element(atom + name)?.Value), $"feed has no {name}");
        }

        var entries = root.Elements(atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        foreach (var entry in entries)
        {
            foreach (var name in new[] { "id", "title", "updated" })
            {
                Assert.False(string.IsNullOrWhiteSpace(entry.Element(atom + name)?.Value), $"entry has no {name}");
            }

            Assert.Contains(entry.Elements(atom + "link"), l => (string?)l.Attribute("rel") is null or "alternate" && Uri.IsWellFormedUriString((string?)l.Attribute("href"), UriKind.Absolute));
        }

        Assert.Equal("https://arxiv.org/abs/1902.08570", entries[1].Elements(atom + "link").First(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
        Assert.Equal("Control  character", entries[0].Element(atom + "title")!.Value);
    }

    [Fact]
    public void Atom_EmptyGroupFeed_IsValidWithNowAsUpdated()
    {
        var group = new WorkingGroup { Slug = "tracking", Name = "Tracking Challenge" };
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

        var xml = ResourceFeed.Atom([], group, new BotOptions(), now);

        using var reader = XmlReader.Create(new StringReader(xml));
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal("http://127.0.0.1:5080/wg/tracking/resources.atom", feed.Id);
        Assert.Equal("New resources of Tracking Challenge", feed.Title.Text);
        Assert.Equal(now, feed.LastUpdatedTime);
        Assert.Empty(feed.Items);
    }

    private static string Inline(ContainerInline? container) => string.Concat((container ?? []).Select(i => i switch
    {
        LiteralInline l => l.Content.ToString(),
        ContainerInline c => Inline(c),
        CodeInline c => c.Content,
        _ => "",
    }));
}
