using System.Reflection;
using System.Text.Json;

namespace CollabBot.IntegrationTests.Docs;

/// <summary>
/// Every settable property of an options class (one with a <c>Section</c> constant) in any CollabBot assembly is a
/// configuration key a deployer may set, so <c>appsettings.example.json</c> must describe it. This catches a key
/// added to the code without documentation, which the hard-coded list in the core's docs tests cannot.
/// </summary>
public sealed class OptionsDocsTests
{
    public static TheoryData<string> OptionKeys => [.. Keys()];

    [Theory]
    [MemberData(nameof(OptionKeys))]
    public void ExampleSettings_OptionsProperty_IsDescribed(string key)
    {
        var path = key.Split(':');
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "appsettings.example.json")));
        var element = example.RootElement;
        foreach (var part in path)
        {
            Assert.True(
                element.ValueKind == JsonValueKind.Object && element.TryGetProperty(part, out element),
                $"{key} is a setting (an options class has it) but appsettings.example.json does not describe it; add it there and to README.md's configuration table.");
        }
    }

    [Fact]
    public void OptionsClasses_AreFound()
    {
        Assert.Contains("Bot:Admins", Keys());
    }

    private static IEnumerable<string> Keys()
    {
        var host = typeof(Program).Assembly;
        var assemblies = host.GetReferencedAssemblies()
            .Where(a => a.Name?.StartsWith("CollabBot", StringComparison.Ordinal) == true)
            .Select(Assembly.Load)
            .Append(host);
        return assemblies
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } f ? f.GetRawConstantValue() as string : null))
            .Where(x => x.Section is not null && x.Type.IsClass)
            .SelectMany(x => x.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod?.IsPublic == true)
                .Select(p => $"{x.Section}:{p.Name}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
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
}
