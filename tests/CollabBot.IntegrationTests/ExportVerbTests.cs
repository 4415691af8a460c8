using CollabBot.Hosting;

namespace CollabBot.IntegrationTests;

public sealed class ExportVerbTests
{
    [Fact]
    public async Task ExportAuthors_CffToFile_WritesTheSameListAsTheDownload()
    {
        var database = Path.Combine(Path.GetTempPath(), $"collabbot-export-{Guid.NewGuid():N}.db");
        var output = Path.Combine(Path.GetTempPath(), $"CITATION-{Guid.NewGuid():N}.cff");
        try
        {
            var code = await Verb.Parse(["export", "authors", "jet-tagging-benchmark", "--format", "cff", "-o", output, "--order=contribution", $"--ConnectionStrings:CollabBot=Data Source={database};Pooling=False"]).RunAsync();

            Assert.Equal(0, code);
            var cff = await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken);
            Assert.Contains("cff-version: 1.2.0", cff, StringComparison.Ordinal);
            Assert.Contains("  - family-names: \"Berg\"\n    given-names: \"Jonas\"\n    name-particle: \"van der\"", cff, StringComparison.Ordinal);
            Assert.True(cff.IndexOf("\"Berg\"", StringComparison.Ordinal) < cff.IndexOf("\"Okafor\"", StringComparison.Ordinal), "contribution order puts the lead author first");
        }
        finally
        {
            File.Delete(database);
            File.Delete(output);
        }
    }

    [Fact]
    public async Task ExportAuthors_UnknownFormat_UsageAndExitCode2()
    {
        var code = await Verb.Parse(["export", "authors", "jet-tagging-benchmark", "--format", "docx"]).RunAsync();

        Assert.Equal(2, code);
    }
}
