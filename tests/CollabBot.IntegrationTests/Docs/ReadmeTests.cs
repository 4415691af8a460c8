using System.Text.RegularExpressions;
using CollabBot.Hosting;
using CollabBot.IntegrationTests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests.Docs;

/// <summary>
/// The README cannot go stale about what exists: it keeps no status list ("not yet", a status column), its verbs
/// table names exactly the program's verbs, and its HTTP endpoints table names exactly the routes the host maps.
/// </summary>
public sealed partial class ReadmeTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void Readme_Anywhere_MakesNoStatusClaims()
    {
        var lines = Readme.Split('\n');

        var claims = lines.Select((line, i) => (Line: i + 1, Text: line)).Where(l => StatusClaim().IsMatch(l.Text)).ToList();

        Assert.True(claims.Count == 0, "README.md marks something as missing or keeps a status column; say what the code does instead:\n"
            + string.Join('\n', claims.Select(c => $"  line {c.Line}: {c.Text}")));
    }

    [Fact]
    public void VerbsTable_ListsEveryVerbOfTheProgramAndNoOther()
    {
        var rows = TableFirstColumn("### Verbs");

        // `manifest slack` / `manifest discord`: each code span's first word is a verb.
        var named = rows.SelectMany(r => CodeSpan().Matches(r).Select(m => m.Groups[1].Value.Split(' ')[0])).Distinct(StringComparer.Ordinal).ToList();

        Assert.Equal(Verb.Names.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HttpEndpointsTable_NamesOnlyRoutesTheHostMaps()
    {
        var routes = MappedRoutes();

        var missing = DocumentedPaths().Where(path => !routes.Any(route => Covers(path, route))).ToList();

        Assert.True(missing.Count == 0, $"README.md's HTTP endpoints table names paths the host does not map: {string.Join(", ", missing)}");
    }

    [Fact]
    public void HttpEndpointsTable_NamesEveryRouteTheHostMaps()
    {
        var documented = DocumentedPaths();

        var undocumented = MappedRoutes().Where(route => !documented.Any(path => Covers(path, route))).ToList();

        Assert.True(undocumented.Count == 0, $"The host maps routes README.md's HTTP endpoints table does not name: {string.Join(", ", undocumented)}");
    }

    /// <summary>A README path (<c>/calendar/&lt;wg&gt;.ics</c>, <c>/api/v1/...</c>) and a route pattern (<c>/calendar/{slug}.ics</c>) name the same addresses.</summary>
    private static bool Covers(string documented, string route) =>
        Pattern(documented, Placeholder()).IsMatch(Sample(route, RouteParameter())) || Pattern(route, RouteParameter()).IsMatch(Sample(documented, Placeholder()));

    private static Regex Pattern(string path, Regex parameter)
    {
        var parts = parameter.Split(path).Select(part => Regex.Escape(part).Replace(@"\.\.\.", ".*", StringComparison.Ordinal).Replace("…", ".*", StringComparison.Ordinal));
        return new Regex("^" + string.Join("[^/]+", parts) + "$", RegexOptions.CultureInvariant);
    }

    private static string Sample(string path, Regex parameter) => parameter.Replace(path, "x1").Replace("...", "x1", StringComparison.Ordinal).Replace("…", "x1", StringComparison.Ordinal);

    /// <summary>Every path written in the HTTP endpoints table, in either column (<c>GET /wg/&lt;slug&gt;</c> counts as <c>/wg/&lt;slug&gt;</c>).</summary>
    private static List<string> DocumentedPaths()
    {
        var section = Section("### HTTP endpoints");
        var paths = CodeSpan().Matches(section).Select(m => m.Groups[1].Value)
            .Select(span => span.StartsWith("GET ", StringComparison.Ordinal) || span.StartsWith("POST ", StringComparison.Ordinal) ? span[(span.IndexOf(' ', StringComparison.Ordinal) + 1)..] : span)
            .Where(span => span.StartsWith('/'))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(paths);
        return paths;
    }

    /// <summary>The routes the real host maps, but for the stylesheet and icons (files, not endpoints anyone calls).</summary>
    private List<string> MappedRoutes()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => !StaticFile().IsMatch(r))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("/slack/commands", routes);
        return routes;
    }

    private static List<string> TableFirstColumn(string heading) =>
        [.. Section(heading).Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split(" | ")[0])];

    /// <summary>The text under a heading, up to the next heading of any level.</summary>
    private static string Section(string heading)
    {
        var start = Readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{heading}' section.");
        var end = Readme.IndexOf("\n#", start + heading.Length + 2, StringComparison.Ordinal);
        return Readme[start..(end < 0 ? Readme.Length : end)];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CollabBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CollabBot.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>"not yet", "not there yet", "not available yet"; a status column; a bold "works".</summary>
    [GeneratedRegex(@"\bnot\b[^.|\n]{0,25}\byet\b|\|\s*status\s*\||\*\*works?\*\*", RegexOptions.IgnoreCase)]
    private static partial Regex StatusClaim();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\.(css|js|svg|ico|png|map|woff2?)$|^/_")]
    private static partial Regex StaticFile();
}
