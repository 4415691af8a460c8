using System.Text;
using CollabBot.Core.Commands;

namespace CollabBot.Core.Tests.Docs;

/// <summary>
/// The README's command overview is generated from <c>commands/</c> (through <see cref="CommandCatalog"/>),
/// so a command added or changed there cannot leave the README behind.
/// </summary>
public sealed class ReadmeCommandsTests
{
    public const string Begin = "<!-- commands:begin -->";
    public const string End = "<!-- commands:end -->";

    /// <summary>Set to 1 to have the test rewrite the block in README.md instead of failing.</summary>
    public const string UpdateVariable = "COLLABBOT_UPDATE_README";

    [Fact]
    public void Readme_CommandOverview_MatchesCommandsFolder()
    {
        var readme = RepoFiles.ReadText("README.md");
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"README.md needs a block between {Begin} and {End}.");

        var actual = readme[begin..(end + End.Length)];
        var expected = Generate(CommandCatalog.Default);
        if (actual != expected && Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            // Opt-in convenience for developers; CI never sets it, so there the test still fails on a stale README.
            File.WriteAllText(RepoFiles.Path("README.md"), readme[..begin] + expected + readme[(end + End.Length)..]);
            return;
        }

        Assert.True(
            actual == expected,
            $"README.md's command overview is out of date with commands/. Replace the block from {Begin} to {End} with the one below " +
            $"(or run `{UpdateVariable}=1 dotnet test --filter ReadmeCommandsTests`):\n\n{expected}\n");
    }

    [Fact]
    public void Readme_CommandOverviewMarkers_AppearOnce()
    {
        var readme = RepoFiles.ReadText("README.md");

        Assert.Equal(1, Count(readme, Begin));
        Assert.Equal(1, Count(readme, End));
    }

    /// <summary>The block, markers included: one table per top-level command, one row per leaf subcommand.</summary>
    public static string Generate(CommandCatalog catalog)
    {
        var sb = new StringBuilder();
        sb.Append(Begin).Append('\n');
        sb.Append("<!-- Generated from commands/*.yaml; tests/CollabBot.Core.Tests/Docs/ReadmeCommandsTests.cs prints the block to paste when it changes. -->\n");
        foreach (var top in catalog.Commands)
        {
            sb.Append('\n');
            sb.Append($"### /{top.Name} — {Text(top.Description)}\n\n");
            sb.Append("| usage | who | what |\n");
            sb.Append("| --- | --- | --- |\n");
            foreach (var leaf in top.Leaves())
            {
                sb.Append($"| `{Cell(leaf.Usage)}` | {System.Text.RegularExpressions.Regex.Replace(leaf.Who.ToString(), "(?<=[a-z])(?=[A-Z])", "-").ToLowerInvariant()} | {Text(leaf.Description)} |\n");
            }
        }

        sb.Append('\n').Append(End);
        return sb.ToString();
    }

    private static int Count(string text, string marker) => text.Split(marker).Length - 1;

    /// <summary>Inside a table even a code span needs its pipes escaped (GitHub renders <c>\|</c> as <c>|</c>).</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Prose from the YAML, made safe for a table cell and for Markdown's inline HTML.</summary>
    private static string Text(string text) => Cell(text).Replace("<", "&lt;", StringComparison.Ordinal);
}
