using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CollabBot.Core.Authors;
using CollabBot.Core.Domain;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace CollabBot.Core.Tests.Authors;

public sealed partial class AuthorFormatTests
{
    private static readonly AuthorList List = TrickyList.Build();

    private static string Render(AuthorFormat format, AuthorList? list = null) => AuthorFormats.Render(format, list ?? List).Content;

    [Fact]
    public void Text_TrickyList_InitialsSuperscriptsAndNumberedAffiliations()
    {
        var text = Render(AuthorFormat.Text);

        Assert.StartsWith("A. Abel¹, Z. Ångström²,¹, J. van der Berg³, J. Muller⁴, J. Müller⁴, A. #. " + TrickyList.NastyFamily + "⁵,², Sami², É. Zola\n", text, StringComparison.Ordinal);
        Assert.Contains("\n\n¹ University of Uppsala\n² CERN\n", text, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(text, "CERN"));
    }

    [Fact]
    public void Markdown_TrickyList_OrcidLinksAndEscapedMarkup()
    {
        var md = Render(AuthorFormat.Markdown);

        Assert.Contains("[Z. Ångström](https://orcid.org/0000-0002-1825-0097)<sup>2,1</sup>", md, StringComparison.Ordinal);
        Assert.Contains("O'Neil \\{x\\} \\\\ \\$y\\$ \\~^ \\& 50%", md, StringComparison.Ordinal);
        Assert.Contains("\n5. Lab\\_\\{A\\} \\& Co. \\#2 \\<x\\> \"q\"\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Latex_TrickyList_EscapesEverySpecialAndKeepsUnicode()
    {
        var tex = Render(AuthorFormat.Latex);

        Assert.Contains("\\author[2,1]{Zoë Ångström}% ORCID https://orcid.org/0000-0002-1825-0097\n", tex, StringComparison.Ordinal);
        Assert.Contains(
            "\\author[5,2]{Ann\\_Marie \\#1 O'Neil \\{x\\} \\textbackslash{} \\$y\\$ \\textasciitilde{}\\textasciicircum{} \\& 50\\%}\n",
            tex, StringComparison.Ordinal);
        Assert.Contains("\\affil[5]{Lab\\_\\{A\\} \\& Co. \\#2 <x> \"q\"}\n", tex, StringComparison.Ordinal);
        Assert.Contains("\\author{Émile Zola}\n", tex, StringComparison.Ordinal);
        Assert.Contains("\\author[2]{Sami}\n", tex, StringComparison.Ordinal);
        AssertNoUnescapedSpecials(tex);
    }

    [Fact]
    public void Revtex_TrickyList_AuthorThenAffiliationsNoaffiliationWhenNone()
    {
        var tex = Render(AuthorFormat.Revtex);

        Assert.Contains("\\author{Zoë Ångström}% ORCID https://orcid.org/0000-0002-1825-0097\n\\affiliation{CERN}\n\\affiliation{University of Uppsala}\n", tex, StringComparison.Ordinal);
        Assert.Contains("\\author{Émile Zola}\n\\noaffiliation\n", tex, StringComparison.Ordinal);
        Assert.Contains("\\affiliation{Lab\\_\\{A\\} \\& Co. \\#2 <x> \"q\"}\n", tex, StringComparison.Ordinal);
        AssertNoUnescapedSpecials(tex);
    }

    [Fact]
    public void Latex_Escape_EachSpecialCharacter()
    {
        Assert.Equal(
            "\\textbackslash{}\\&\\%\\$\\#\\_\\{\\}\\textasciitilde{}\\textasciicircum{}",
            LatexFormats.Escape("\\&%$#_{}~^"));
        Assert.Equal("Zoë Ångström 山田 Ørsted", LatexFormats.Escape("Zoë Ångström 山田 Ørsted"));
    }

    [Fact]
    public void Inspire_TrickyList_ParsesBackWithEveryNameAndOrganisation()
    {
        var doc = XDocument.Parse(Render(AuthorFormat.Inspire));
        XNamespace foaf = InspireFormat.FoafNamespace, cal = InspireFormat.CalNamespace;

        Assert.Equal("collaborationauthorlist", doc.Root!.Name.LocalName);
        var organisations = doc.Root.Element(cal + "organizations")!.Elements(foaf + "Organization").ToList();
        Assert.Equal(List.Affiliations, organisations.Select(o => o.Element(foaf + "name")!.Value));
        var ids = organisations.Select(o => o.Attribute("id")!.Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        var people = doc.Root.Element(cal + "authors")!.Elements(foaf + "Person").ToList();
        Assert.Equal(List.Authors.Count, people.Count);
        var nasty = people.Single(p => p.Element(foaf + "givenName")?.Value == TrickyList.NastyGiven);
        Assert.Equal(TrickyList.NastyFamily, nasty.Element(foaf + "familyName")!.Value);
        Assert.Equal(["o5", "o2"], nasty.Descendants(cal + "authorAffiliation").Select(a => a.Attribute("organizationid")!.Value));
        Assert.All(people.SelectMany(p => p.Descendants(cal + "authorAffiliation")), a => Assert.Contains(a.Attribute("organizationid")!.Value, ids));

        var berg = people.Single(p => p.Element(foaf + "givenName")?.Value == "Jonas");
        Assert.Equal("van der Berg", berg.Element(foaf + "familyName")!.Value);
        var sami = people.Single(p => p.Element(foaf + "familyName")!.Value == "Sami");
        Assert.Null(sami.Element(foaf + "givenName"));
        var zoe = people.Single(p => p.Element(foaf + "givenName")?.Value == "Zoë");
        Assert.Equal(TrickyList.Orcid, zoe.Descendants(cal + "authorid").Single(a => a.Attribute("source")!.Value == "ORCID").Value);

        // author.dtd fixes the order of a person's elements: name parts before the paper name before affiliations.
        var order = zoe.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.Equal(["name", "givenName", "familyName", "authorNamePaper", "authorNamePaperGiven", "authorNamePaperFamily", "authorCollaboration", "authorAffiliations", "authorids"], order);
    }

    [Fact]
    public void Cff_TrickyList_ValidAgainstCff120Schema()
    {
        var schemaPath = SchemaPath();
        Assert.SkipWhen(schemaPath is null, "The CFF 1.2.0 schema is not beside the repository (../shared/schemas/cff-1.2.0.schema.json); CI puts shared/ there.");
        var schema = JsonSchema.FromText(File.ReadAllText(schemaPath!));

        foreach (var kind in Enum.GetValues<ProjectKind>())
        {
            var cff = Render(AuthorFormat.Cff, TrickyList.Build(kind: kind) with { });
            var json = YamlToJson(cff);
            var result = schema.Evaluate(JsonDocument.Parse(json.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{kind}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    [Fact]
    public void Cff_TrickyList_StringsRoundTripAndNamePartsSeparate()
    {
        var json = YamlToJson(Render(AuthorFormat.Cff));

        Assert.Equal(TrickyList.Title, json["title"]!.GetValue<string>());
        Assert.Equal("dataset", json["type"]!.GetValue<string>());
        var authors = json["authors"]!.AsArray();
        var berg = authors.Single(a => a!["family-names"]!.GetValue<string>() == "Berg")!;
        Assert.Equal("van der", berg["name-particle"]!.GetValue<string>());
        var nasty = authors.Single(a => a!["given-names"]?.GetValue<string>() == TrickyList.NastyGiven)!;
        Assert.Equal(TrickyList.NastyFamily, nasty["family-names"]!.GetValue<string>());
        Assert.Equal(TrickyList.NastyAffiliation + "; CERN", nasty["affiliation"]!.GetValue<string>());
        Assert.Equal("https://orcid.org/0000-0002-1825-0097", authors.Single(a => a!["given-names"]?.GetValue<string>() == "Zoë")!["orcid"]!.GetValue<string>());
        Assert.Null(authors.Single(a => a!["family-names"]!.GetValue<string>() == "Sami")!["given-names"]);
    }

    [Fact]
    public void Cff_Mononym_WarnsThatTheSingleNameIsTheFamilyName()
    {
        var warnings = AuthorFormats.Render(AuthorFormat.Cff, List).Warnings;

        Assert.Contains(warnings, w => w.StartsWith("Sami has a single name", StringComparison.Ordinal));
        Assert.DoesNotContain(AuthorFormats.Render(AuthorFormat.Latex, List).Warnings, w => w.Contains("Sami", StringComparison.Ordinal));
    }

    [Fact]
    public void Zenodo_TrickyList_ParsesBackWithFamilyCommaGiven()
    {
        var json = JsonNode.Parse(Render(AuthorFormat.Zenodo))!;

        Assert.Equal(TrickyList.Title, json["title"]!.GetValue<string>());
        Assert.Equal("dataset", json["upload_type"]!.GetValue<string>());
        var creators = json["creators"]!.AsArray().Select(c => c!).ToList();
        Assert.Equal(List.Authors.Count, creators.Count);
        Assert.Contains(creators, c => c["name"]!.GetValue<string>() == "van der Berg, Jonas" && c["affiliation"]!.GetValue<string>() == "Nikhef");
        Assert.Contains(creators, c => c["name"]!.GetValue<string>() == "Sami");
        Assert.Contains(creators, c => c["name"]!.GetValue<string>() == $"{TrickyList.NastyFamily}, {TrickyList.NastyGiven}");
        Assert.Contains(creators, c => c["orcid"]?.GetValue<string>() == TrickyList.Orcid);
        Assert.DoesNotContain(creators, c => c.AsObject().ContainsKey("affiliation") && c["affiliation"]!.GetValue<string>().Length == 0);
    }

    [Fact]
    public void Zenodo_Paper_IsPublicationArticle()
    {
        var json = JsonNode.Parse(Render(AuthorFormat.Zenodo, TrickyList.Build(kind: ProjectKind.Paper)))!;

        Assert.Equal(("publication", "article"), (json["upload_type"]!.GetValue<string>(), json["publication_type"]!.GetValue<string>()));
    }

    /// <summary>
    /// Zenodo's deposit API (developers.zenodo.org, "Deposit metadata") requires upload_type, title, creators and
    /// description, and publication_type when the upload is a publication; each creator needs a name.
    /// </summary>
    [Fact]
    public void Zenodo_EveryKindAndAnEmptyList_HasTheMetadataZenodosDepositApiRequires()
    {
        string[] uploadTypes = ["publication", "poster", "presentation", "dataset", "image", "video", "software", "lesson", "physicalobject", "other"];
        string[] publicationTypes = ["annotationcollection", "book", "section", "conferencepaper", "datamanagementplan", "article", "patent", "preprint", "deliverable", "milestone", "proposal", "report", "softwaredocumentation", "taxonomictreatment", "technicalnote", "thesis", "workingpaper", "other"];
        var empty = AuthorList.Build(new ProjectInfo("p", "Empty <i>&</i> list", ProjectKind.Note, "g", "Group & Co"), [], new AuthorListOptions(), new DateOnly(2026, 1, 1));

        foreach (var list in Enum.GetValues<ProjectKind>().Select(kind => TrickyList.Build(kind: kind)).Append(empty))
        {
            var json = JsonNode.Parse(Render(AuthorFormat.Zenodo, list))!.AsObject();
            var what = $"{list.Project.Kind} ({list.Authors.Count} authors)";

            var uploadType = json["upload_type"]!.GetValue<string>();
            Assert.Contains(uploadType, uploadTypes);
            if (uploadType == "publication")
            {
                Assert.Contains(json["publication_type"]!.GetValue<string>(), publicationTypes);
            }

            Assert.Equal(list.Project.Title, json["title"]!.GetValue<string>());
            var creators = json["creators"]!.AsArray();
            Assert.True(creators.Count > 0, what + ": Zenodo needs at least one creator");
            Assert.All(creators, c => Assert.False(string.IsNullOrWhiteSpace(c!["name"]!.GetValue<string>()), what));
            Assert.All(creators, c => Assert.True(c!["orcid"] is null || OrcidRegex().IsMatch(c["orcid"]!.GetValue<string>()), what));

            var description = json["description"]?.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(description), what + ": no description");
            var text = System.Net.WebUtility.HtmlDecode(TagRegex().Replace(description!, " "));
            Assert.Contains(list.Project.Title, text, StringComparison.Ordinal);
            Assert.Contains(list.Project.GroupName, text, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", description, StringComparison.Ordinal);
            Assert.DoesNotContain("<i>", description, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")]
    private static partial Regex OrcidRegex();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagRegex();

    [Fact]
    public void Csv_TrickyList_Rfc4180RoundTripWithOneColumnPerAffiliation()
    {
        var csv = Render(AuthorFormat.Csv);

        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        var rows = Formats.CsvReadBack.Rows(csv);
        Assert.Equal(["order", "given", "family", "particle", "orcid", "roles", "affiliation_1", "affiliation_2"], rows[0]);
        Assert.Equal(List.Authors.Count + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(8, r.Length));
        var nasty = rows.Single(r => r[1] == TrickyList.NastyGiven);
        Assert.Equal(TrickyList.NastyFamily, nasty[2]);
        Assert.Equal("Data curation (lead); Software (equal); Writing – review & editing (equal)", nasty[5]);
        Assert.Equal([TrickyList.NastyAffiliation, "CERN"], nasty[6..]);
        Assert.Equal(["3", "Jonas", "Berg", "van der", "", "Writing – original draft (equal)", "Nikhef", ""], rows[3]);
    }

    [Fact]
    public void Json_TrickyList_StableDocumentedKeys()
    {
        using var doc = JsonDocument.Parse(Render(AuthorFormat.Json));
        var root = doc.RootElement;

        Assert.Equal(["schema", "project", "order", "minDegree", "generatedOn", "affiliations", "authors"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonFormats.SchemaId, root.GetProperty("schema").GetString());
        var first = root.GetProperty("authors")[0];
        Assert.Equal(["position", "name", "given", "particle", "family", "suffix", "orcid", "affiliations", "contributions"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["role", "roleName", "degree"], first.GetProperty("contributions")[0].EnumerateObject().Select(p => p.Name));
        var nasty = root.GetProperty("authors").EnumerateArray().Single(a => a.GetProperty("given").GetString() == TrickyList.NastyGiven);
        Assert.Equal(TrickyList.NastyFamily, nasty.GetProperty("family").GetString());
        Assert.Equal([5, 2], nasty.GetProperty("affiliations").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal("writing-review-editing", nasty.GetProperty("contributions")[2].GetProperty("role").GetString());
    }

    [Fact]
    public void Credit_TrickyList_StatementWithExactRoleNames()
    {
        var credit = Render(AuthorFormat.Credit);

        Assert.Contains("Zoë Ångström: Conceptualization (lead), Software (supporting).\n", credit, StringComparison.Ordinal);
        Assert.Contains("Jonas van der Berg: Writing \u2013 original draft (equal).\n", credit, StringComparison.Ordinal);
        Assert.Contains($"{TrickyList.NastyGiven} {TrickyList.NastyFamily}: Data curation (lead), Software (equal), Writing \u2013 review & editing (equal).\n", credit, StringComparison.Ordinal);
    }

    [Fact]
    public void AllFormats_EmptyList_RenderWithoutThrowing()
    {
        var empty = AuthorList.Build(new ProjectInfo("p", "P", ProjectKind.Paper, "g", "G"), [], new AuthorListOptions(), new DateOnly(2026, 1, 1));

        foreach (var format in Enum.GetValues<AuthorFormat>())
        {
            Assert.NotNull(AuthorFormats.Render(format, empty).Content);
        }

        XDocument.Parse(Render(AuthorFormat.Inspire, empty));
        JsonNode.Parse(Render(AuthorFormat.Json, empty));
    }

    /// <summary>Every special outside a comment must be part of an escape: remove the escapes and comments, and none may be left.</summary>
    private static void AssertNoUnescapedSpecials(string tex)
    {
        foreach (var line in tex.Split('\n'))
        {
            var code = CommentRegex().Replace(line, "");
            code = code.Replace("\\textbackslash{}", "", StringComparison.Ordinal).Replace("\\textasciitilde{}", "", StringComparison.Ordinal).Replace("\\textasciicircum{}", "", StringComparison.Ordinal);
            code = EscapedRegex().Replace(code, "");
            code = CommandRegex().Replace(code, "");
            Assert.DoesNotMatch(@"[\\&%$#_~^]", code);
            Assert.Equal(code.Count(c => c == '{'), code.Count(c => c == '}'));
        }
    }

    [GeneratedRegex(@"(?<!\\)%.*$")]
    private static partial Regex CommentRegex();

    [GeneratedRegex(@"\\[&%$#_{}]")]
    private static partial Regex EscapedRegex();

    [GeneratedRegex(@"\\(author|affil|affiliation|noaffiliation)(\[[0-9,]*\])?")]
    private static partial Regex CommandRegex();

    private static string? SchemaPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CollabBot.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "schemas", "cff-1.2.0.schema.json"));
                return File.Exists(path) ? path : null;
            }
        }

        return null;
    }

    /// <summary>YAML to JSON, scalars as strings (CFF's schema types every value here as a string).</summary>
    private static JsonNode YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode)!;

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
            YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            _ => null,
        };
    }
}
