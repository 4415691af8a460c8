using CollabBot.Core.Settings;
using CollabBot.Hosting;
using CollabBot.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.IntegrationTests;

/// <summary>
/// Every settings section is bound to its options class and checked before anything starts: a value that would be
/// refused stops the start with a sentence naming the key, every problem at once, never a secret's value.
/// </summary>
public sealed class SettingsValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Validate(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCollabBotServices(configuration);
        using var provider = services.BuildServiceProvider();
        provider.ValidateSettings();
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "Bot:PublicUrl", "collab.example.org", "Bot:PublicUrl must be an absolute http(s) address" },
        { "Bot:Admins:0", "alice", "Bot:Admins lists identities such as console:admin" },
        { "Database:Provider", "mysql", "Database:Provider 'mysql' is not supported; use Sqlite or Postgres." },
        { "Scheduler:Clustered", "true", "Scheduler:Clustered=true needs Database:Provider=Postgres" },
        { "Reminders:CatchUpWindow", "-00:10:00", "Reminders:CatchUpWindow must be between 00:00:00 and 1.00:00:00" },
        { "Reminders:DefaultOffsets:0", "soon", "Reminders:DefaultOffsets lists durations such as 1d, 3h or 15m" },
        { "Slack:ApiBaseUrl", "not a url", "Slack:ApiBaseUrl must be an absolute http(s) address" },
        { "Slack:InlineReplyBudget", "00:00:05", "Slack:InlineReplyBudget must be between 00:00:00 and 00:00:02.500" },
        { "Slack:SocketConnections", "11", "Slack:SocketConnections must be between 1 and 10" },
        { "Slack:AppToken", "xoxb-FAKE-TEST-ONLY-wrong-kind", "Slack:AppToken must be an app-level token" },
        { "Slack:BotToken", "xapp-FAKE-TEST-ONLY-wrong-kind", "Slack:BotToken must be the Bot User OAuth Token" },
        { "Discord:ApiBaseUrl", "ftp://discord.com/api/v10/", "Discord:ApiBaseUrl must be an absolute http(s) address" },
        { "Discord:PublicKey", "not-a-key", "Discord:PublicKey must be the application's 64-character hex Ed25519 public key" },
        { "Discord:ApplicationId", "my-app", "Discord:ApplicationId must be the application's numeric id" },
        { "Discord:Gateway", "true", "Discord:Gateway needs Discord:BotToken" },
        { "Discord:InlineReplyBudget", "00:00:03", "Discord:InlineReplyBudget must be between 00:00:00 and 00:00:02.500" },
        { "GitHub:ApiBaseUrl", "api.github.com", "GitHub:ApiBaseUrl must be an absolute http(s) address" },
        { "GitHub:PollInterval", "-00:05:00", "GitHub:PollInterval must be between 00:00:00 (polling off) and 7.00:00:00" },
        { "Console:Enabled", "yes", "'Console:Enabled'" },
        // Not a boolean: the console would otherwise be left open or shut by surprise.
        { "Console:AllowRemote", "sometimes", "'Console:AllowRemote'" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Start_InvalidSetting_RefusedWithSentenceNamingTheKey(string key, string value, string expected)
    {
        var ex = Assert.Throws<SettingsException>(() => Validate(new Dictionary<string, string?> { [key] = value }));

        var problem = Assert.Single(ex.Problems);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.StartsWith("CollabBot cannot start with these settings:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_TwoInvalidSettings_BothReportedAtOnce()
    {
        var ex = Assert.Throws<SettingsException>(() => Validate(new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = "slack",
            ["GitHub:PollInterval"] = "-00:00:01",
        }));

        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.StartsWith("Slack:ApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("GitHub:PollInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_MisplacedSecret_MessageNeverShowsItsValue()
    {
        const string Secret = "xapp-FAKE-TEST-ONLY-app-token-in-the-wrong-key";

        var ex = Assert.Throws<SettingsException>(() => Validate(new Dictionary<string, string?> { ["Slack:BotToken"] = Secret }));

        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_EverySectionValidAndEveryPlatformConfigured_Accepted()
    {
        Validate(new Dictionary<string, string?>
        {
            ["Bot:Admins:0"] = "console:admin",
            ["Bot:Admins:1"] = "slack:T0001:U0001",
            ["Bot:Admins:2"] = "discord:80351110224678912",
            ["Bot:PublicUrl"] = "https://collab.example.org",
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:CollabBot"] = "Host=127.0.0.1;Database=collabbot;Username=collabbot;Password=not-used",
            ["Scheduler:Clustered"] = "true",
            ["Reminders:DefaultOffsets:0"] = "2d",
            ["Reminders:DefaultOffsets:1"] = "1h30m",
            ["Slack:SigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5",
            ["Slack:BotToken"] = "xoxb-1-2-abc",
            ["Slack:AppToken"] = "xapp-1-A1-2-abc",
            ["Slack:SocketConnections"] = "10",
            ["Discord:PublicKey"] = new string('a', 64),
            ["Discord:ApplicationId"] = "900000000000000001",
            ["Discord:BotToken"] = "discord-token",
            ["Discord:Gateway"] = "true",
            ["Discord:InlineReplyBudget"] = "00:00:00",
            ["GitHub:Token"] = "ghp_abc",
            ["GitHub:PollInterval"] = "00:00:00",
        });
    }

    [Fact]
    public async Task Serve_InvalidApiBaseUrl_ExitsOneWithSentenceBeforeTouchingTheDatabase()
    {
        var directory = Directory.CreateTempSubdirectory("collabbot-settings-");
        try
        {
            var result = await ProgramProcess.RunAsync(directory.FullName, ["--Urls=http://127.0.0.1:0", "--Slack:ApiBaseUrl=slack.com/api", "--Reminders:CatchUpWindow=-00:01:00"], Ct);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("CollabBot cannot start with these settings:", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("Slack:ApiBaseUrl must be an absolute http(s) address", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("Reminders:CatchUpWindow must be between", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(directory.FullName, "collabbot.db")), "the database was created before the settings were checked");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SayVerb_InvalidSetting_ExitsOneWithSentence()
    {
        var directory = Directory.CreateTempSubdirectory("collabbot-settings-");
        try
        {
            var result = await ProgramProcess.RunAsync(directory.FullName, ["say", "/wg list", "--Bot:PublicUrl=collab.example.org"], Ct);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("Bot:PublicUrl must be an absolute http(s) address", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
