using CollabBot.Hosting;
using CollabBot.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace CollabBot.IntegrationTests;

/// <summary><c>import resources &lt;file&gt;</c> on a fresh SQLite file: the rest imported around a malformed entry, and twice changes nothing.</summary>
public sealed class ImportVerbTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Bib = """
        @article{Qu:2019gqs,
          title = {{Jet Tagging via Particle Clouds}},
          author = {Qu, Huilin and Gouskos, Loukas},
          eprint = {1902.08570},
          archivePrefix = {arXiv},
          year = {2020}
        }
        @article{untitled,
          author = {Nobody},
          year = {2020}
        }
        @misc{showers:2024,
          title = {A calorimeter shower benchmark},
          url = {https://example.org/showers},
          year = {2024}
        }
        @misc{showers-again,
          title = {The same benchmark, another key},
          url = {https://www.example.org/showers/},
          year = {2024}
        }
        """;

    [Fact]
    public async Task ImportResources_TwiceIntoAGroup_AddsTheNewEntryOnceAndReportsTheBadOne()
    {
        var directory = Directory.CreateTempSubdirectory("collabbot-import-");
        var database = Path.Combine(directory.FullName, "import.db");
        var file = Path.Combine(directory.FullName, "papers.bib");
        await File.WriteAllTextAsync(file, Bib, Ct);
        string[] Args() => ["import", "resources", file, "--wg", "calorimetry", $"--ConnectionStrings:CollabBot=Data Source={database}"];
        try
        {
            var seed = await ProgramProcess.RunAsync(directory.FullName, ["seed", $"--ConnectionStrings:CollabBot=Data Source={database}"], Ct);
            Assert.True(seed.ExitCode == 0, seed.ToString());
            var before = await CountAsync(database);

            var first = await ProgramProcess.RunAsync(directory.FullName, Args(), Ct);
            var afterFirst = await CountAsync(database);
            var second = await ProgramProcess.RunAsync(directory.FullName, Args(), Ct);

            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Equal(before + 1, afterFirst); // ParticleNet is in the demo library already; the two showers entries are one
            Assert.Equal(afterFirst, await CountAsync(database));
            Assert.Contains("Imported 1 resource", first.Stdout, StringComparison.Ordinal);
            Assert.Contains("line 8: A resource needs a title.", first.Stdout, StringComparison.Ordinal);
            Assert.Contains("Already there: 2 entries", first.Stdout, StringComparison.Ordinal);
            Assert.StartsWith("Nothing new", second.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ImportResources_NoSuchFile_ExitCode1()
    {
        var code = await Verb.Parse(["import", "resources", "/nonexistent/papers.bib"]).RunAsync();

        Assert.Equal(1, code);
    }

    [Fact]
    public async Task ImportResources_UnknownFormat_UsageAndExitCode2()
    {
        var code = await Verb.Parse(["import", "resources", "papers.txt"]).RunAsync();

        Assert.Equal(2, code);
    }

    private static async Task<long> CountAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM resources";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
