using CollabBot.Core.Seeding;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CollabBot.BrowserTests.Support;

/// <summary>The demo community the service loads on first start, read independently of it, as the expected data.</summary>
public static class Seeds
{
    public static SeedFile Community { get; } = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build()
        .Deserialize<SeedFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seeds", "community.yaml")));
}
