using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CollabBot.Hosting;
using CollabBot.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CollabBot.IntegrationTests;

/// <summary>
/// Every verb honours the host's standard arguments (<c>--urls</c>, <c>--environment</c>, <c>--contentRoot</c>,
/// <c>--Section:Key=value</c>, <c>--Section:Key value</c>) wherever they stand, and keeps its own options: read by
/// the parser as the host reads them, and proved on the real program for <c>serve</c> and <c>say</c>.
/// </summary>
public sealed class VerbArgumentsTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("collabbot-verbs-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string[], string[], string[]> Verbs => new()
    {
        {
            ["serve", "--urls", "http://127.0.0.1:5999", "--environment", "Staging", "--Bot:PublicUrl", "https://bot.example.org"],
            [],
            ["--urls", "http://127.0.0.1:5999", "--environment", "Staging", "--Bot:PublicUrl", "https://bot.example.org"]
        },
        {
            ["say", "/wg list", "--urls", "http://x", "--as", "console:alice", "--environment=Development", "--Bot:Admins:0=console:alice", "--channel", "C1"],
            ["/wg list", "--as", "console:alice", "--channel", "C1"],
            ["--urls", "http://x", "--environment=Development", "--Bot:Admins:0=console:alice"]
        },
        {
            ["export", "authors", "p", "--contentRoot", "/srv/collabbot", "-o", "out.cff", "--format=cff", "--Logging:LogLevel:Default", "Debug", "--order", "contribution"],
            ["authors", "p", "-o", "out.cff", "--format=cff", "--order", "contribution"],
            ["--contentRoot", "/srv/collabbot", "--Logging:LogLevel:Default", "Debug"]
        },
        {
            ["manifest", "slack", "--url", "https://collab.example.org", "--ENVIRONMENT", "Production"],
            ["slack", "--url", "https://collab.example.org"],
            ["--ENVIRONMENT", "Production"]
        },
        {
            ["register", "discord", "--Discord:BotToken", "token", "--guild", "1000000000000000001"],
            ["discord", "--guild", "1000000000000000001"],
            ["--Discord:BotToken", "token"]
        },
        {
            ["seed", "--ConnectionStrings:CollabBot", "Data Source=demo.db", "seeds/extra.yaml"],
            ["seeds/extra.yaml"],
            ["--ConnectionStrings:CollabBot", "Data Source=demo.db"]
        },
        {
            ["migrate", "--urls=http://x", "--Database:Provider", "Postgres"],
            [],
            ["--urls=http://x", "--Database:Provider", "Postgres"]
        },
        {
            ["backup", "/var/backups/c.db", "--environment", "Production"],
            ["/var/backups/c.db"],
            ["--environment", "Production"]
        },
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Parse_HostArgumentsAnywhere_GoToTheHostAndTheVerbKeepsItsOwn(string[] args, string[] verbArgs, string[] hostArgs)
    {
        var verb = Verb.Parse(args);

        Assert.Equal(args[0], verb.Name);
        Assert.Equal(verbArgs, verb.VerbArgs);
        Assert.Equal(hostArgs, verb.HostArgs);
        Assert.Empty(verb.UnknownOptions);
    }

    [Fact]
    public void Parse_EveryForm_IsReadByTheHostsCommandLineConfiguration()
    {
        var verb = Verb.Parse(["say", "/collab about", "--urls", "http://127.0.0.1:5999", "--environment=Staging", "--contentRoot", "/srv/c", "--Bot:PublicUrl", "https://bot.example.org", "--Dashboard:ShowMembers=false", "--Bot:Admins:0", "console:ops"]);

        var config = new ConfigurationBuilder().AddCommandLine(verb.HostArgs).Build();

        Assert.Equal("http://127.0.0.1:5999", config["urls"]);
        Assert.Equal("Staging", config["environment"]);
        Assert.Equal("/srv/c", config["contentRoot"]);
        Assert.Equal("https://bot.example.org", config["Bot:PublicUrl"]);
        Assert.Equal("false", config["Dashboard:ShowMembers"]);
        Assert.Equal("console:ops", config["Bot:Admins:0"]);
        Assert.Equal("/collab about", Assert.Single(verb.Words));
    }

    [Theory]
    [InlineData(new[] { "serve" }, true)]
    [InlineData(new[] { "say", "/wg list", "--Bot:PublicUrl", "https://x" }, true)]
    [InlineData(new[] { "serve", "--contentRoot", "/srv/c" }, false)]
    [InlineData(new[] { "--contentRoot=/srv/c" }, false)]
    [InlineData(new[] { "migrate", "--contentroot", "/srv/c" }, false)]
    public void ContentRootPath_OnlyWithoutContentRootArgument_IsTheProgramsFolder(string[] args, bool programFolder)
    {
        Assert.Equal(programFolder ? AppContext.BaseDirectory : null, Verb.Parse(args).ContentRootPath);
    }

    [Theory]
    [InlineData("say", "/collab about", "--ass", "console:alice")]
    [InlineData("migrate", "--help")]
    [InlineData("export", "authors", "jet-tagging-benchmark", "--fromat", "cff")]
    [InlineData("say", "/collab about", "--Bot__PublicUrl", "https://x")]
    public async Task Verb_OptionNeitherItsOwnNorTheHosts_ExitsTwoBeforeDoingAnything(params string[] args)
    {
        var verb = Verb.Parse([.. args, $"--ConnectionStrings:CollabBot=Data Source={Path.Combine(directory.FullName, "never.db")}"]);

        Assert.NotEmpty(verb.UnknownOptions);
        Assert.Equal(2, await verb.RunAsync());
        Assert.False(File.Exists(Path.Combine(directory.FullName, "never.db")));
    }

    [Fact]
    public async Task Serve_UrlsEnvironmentContentRootAndSpacedConfiguration_AreAllHonoured()
    {
        // A content root of its own, holding settings only the Staging environment reads: if either argument were
        // lost, members would be listed.
        var root = directory.CreateSubdirectory("root");
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "appsettings.Staging.json"), """{ "Dashboard": { "ShowMembers": false } }""", Ct);
        var database = Path.Combine(directory.FullName, "serve.db");
        var port = FreePort();
        using var http = new HttpClient();

        await using var service = ServiceInstance.Start("serve", directory.FullName,
            ["serve", "--urls", $"http://127.0.0.1:{port}", "--environment", "Staging", "--contentRoot", root.FullName,
             "--ConnectionStrings:CollabBot", $"Data Source={database}", "--Reminders:Enabled", "false"],
            chooseUrls: false);
        await service.WaitReadyAsync(http, TimeSpan.FromSeconds(90), Ct);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), service.BaseUrl);
        Assert.Contains(service.Lines, l => l.Contains("Hosting environment: Staging", StringComparison.Ordinal));
        Assert.Contains(service.Lines, l => l.Contains($"Content root path: {root.FullName}", StringComparison.Ordinal));
        using var group = JsonDocument.Parse(await http.GetStringAsync(new Uri(service.BaseUrl!, "api/v1/groups/calorimetry"), Ct));
        Assert.Equal(JsonValueKind.Null, group.RootElement.GetProperty("members").ValueKind);
        Assert.True(File.Exists(database), "--ConnectionStrings:CollabBot <value> was not honoured.");
    }

    [Fact]
    public async Task Say_HostArgumentsInEveryForm_AreHonoured()
    {
        var database = Path.Combine(directory.FullName, "say.db");

        var result = await ProgramProcess.RunAsync(directory.FullName,
            ["say", "--urls", "http://127.0.0.1:1", "/collab about", "--environment", "Production", "--Bot:PublicUrl", "https://bot.example.org",
             "--as", "console:alice", $"--ConnectionStrings:CollabBot=Data Source={database}"], Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("https://bot.example.org/", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(database));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
