using CollabBot.Core.Seeding;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CollabBot.IntegrationTests.Support;

/// <summary>The demo community the host loads on first start, read independently of the host, as the expected data.</summary>
public static class Seeds
{
    public static SeedFile Community { get; } = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build()
        .Deserialize<SeedFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seeds", "community.yaml")));

    public static string NameOf(string personId) => Community.People.Single(p => p.Id == personId).Name!;
}
