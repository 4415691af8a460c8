using System.Text.Json;
using System.Text.RegularExpressions;

namespace CollabBot.Core.Tests.Docs;

/// <summary>
/// Every configuration key of the contract (interfaces.md, "Configuration") is explained in
/// <c>appsettings.example.json</c> and in the README, and every key the shipped settings use is in the example.
/// </summary>
public sealed partial class ConfigurationDocsTests
{
    /// <summary>The keys of interfaces.md's configuration table, as written there.</summary>
    public static readonly string[] ContractKeys =
    [
        "ConnectionStrings:CollabBot",
        "Database:Provider",
        "Bot:Admins",
        "Bot:PublicUrl",
        "Slack:SigningSecret",
        "Slack:BotToken",
        "Slack:AppToken",
        "Slack:ApiBaseUrl",
        "Discord:PublicKey",
        "Discord:ApplicationId",
        "Discord:BotToken",
        "Discord:Gateway",
        "Discord:ApiBaseUrl",
        "GitHub:Token",
        "GitHub:WebhookSecret",
        "GitHub:PollInterval",
        "GitHub:ApiBaseUrl",
        "Reminders:DefaultOffsets",
        "Reminders:CatchUpWindow",
        "Scheduler:Clustered",
        "Console:Enabled",
        "Console:AllowRemote",
        "Challenges:MaxUploadBytes",
        "Challenges:DownloadHosts",
    ];

    /// <summary>
    /// Keys beyond the contract's table: ASP.NET Core's listen addresses, and the adapters' own
    /// tuning. Add a key here when an options class gains one.
    /// </summary>
    public static readonly string[] ImplementationKeys =
    [
        "Urls",
        "Reminders:Enabled",
        "Slack:InlineReplyBudget",
        "Slack:SocketConnections",
        "Slack:FilesBaseUrl",
        "Discord:InlineReplyBudget",
    ];

    public static TheoryData<string> AllKeys => [.. ContractKeys.Concat(ImplementationKeys)];

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void ExampleSettings_Key_IsDescribed(string key)
    {
        var example = Flatten(RepoFiles.ReadText("appsettings.example.json"));

        Assert.True(example.TryGetValue(key, out var description), $"appsettings.example.json has no {key}.");
        Assert.False(string.IsNullOrWhiteSpace(description), $"appsettings.example.json describes {key} with an empty value.");
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Readme_Key_IsDocumented(string key)
    {
        var readme = RepoFiles.ReadText("README.md");

        Assert.Contains($"`{key}`", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedSettings_EveryKey_IsInExample()
    {
        var example = Flatten(RepoFiles.ReadText("appsettings.example.json"));
        var shipped = new[] { "appsettings.json", "appsettings.Development.json" }
            .SelectMany(f => Flatten(RepoFiles.ReadText("src", "CollabBot", f)).Keys)
            .Select(WithoutArrayIndex)
            .Distinct(StringComparer.Ordinal);

        Assert.All(shipped, key => Assert.True(example.ContainsKey(key), $"src/CollabBot sets {key}, which appsettings.example.json does not describe."));
    }

    /// <summary>
    /// Options, once: no key is read straight from configuration by name (<c>configuration["Reminders:Enabled"]</c>,
    /// <c>GetValue&lt;bool&gt;("Discord:Gateway")</c>) anywhere in src/. Every setting goes through its section's options
    /// class, where it is validated at start and documented (OptionsDocsTests checks the example for every property).
    /// </summary>
    [Fact]
    public void SourceCode_NoKeyReadByName_EverySettingGoesThroughItsOptionsClass()
    {
        var reads = Directory.EnumerateFiles(RepoFiles.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ConfigReadRegex().Matches(File.ReadAllText(f)).Select(m => $"{System.IO.Path.GetFileName(f)}: {m.Value}"))
            .ToList();

        Assert.Empty(reads);
    }

    /// <summary>The hard-coded list above follows the spec; this catches the spec moving on without it.</summary>
    [Fact]
    public void ContractKeys_MatchInterfacesSpec()
    {
        var spec = RepoFiles.SharedSpec("interfaces.md");
        if (spec is null)
        {
            Assert.Skip("shared/spec/interfaces.md is not beside the repository (../shared); CI and developer machines have it.");
        }

        var table = File.ReadAllText(spec).ReplaceLineEndings("\n");
        var section = table[table.IndexOf("## Configuration", StringComparison.Ordinal)..];
        var next = section.IndexOf("\n## ", 1, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        var keys = section.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => KeyRegex().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToArray();

        Assert.Equal(keys.Order(StringComparer.Ordinal), ContractKeys.Order(StringComparer.Ordinal));
    }

    /// <summary>Configuration's own view of a JSON file: <c>Section:Key</c> → value; arrays as <c>Key:0</c>.</summary>
    private static Dictionary<string, string?> Flatten(string json)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        Walk(doc.RootElement, null);
        return result;

        void Walk(JsonElement element, string? path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Walk(property.Value, path is null ? property.Name : $"{path}:{property.Name}");
                    }

                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item, $"{path}:{i++}");
                    }

                    if (i == 0 && path is not null)
                    {
                        result[path] = "";
                    }

                    break;
                default:
                    result[path!] = element.ValueKind == JsonValueKind.Null ? null : element.ToString();
                    break;
            }
        }
    }

    private static string WithoutArrayIndex(string key) => ArrayIndexRegex().Replace(key, "");

    [GeneratedRegex("`([A-Za-z]+:[A-Za-z]+)`")]
    private static partial Regex KeyRegex();

    [GeneratedRegex(@"(?:\[|GetValue(?:<\w+>)?\()""([A-Z][A-Za-z]*:[A-Z][A-Za-z]*)""")]
    private static partial Regex ConfigReadRegex();

    [GeneratedRegex(@"(:\d+)+$")]
    private static partial Regex ArrayIndexRegex();
}
