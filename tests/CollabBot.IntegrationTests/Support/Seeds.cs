using CollabBot.Core.Seeding;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CollabBot.IntegrationTests.Support;

/// <summary>The demo community the host loads on first start, read independently of the host, as the expected data.</summary>
public static class Seeds
{
    public static SeedFile Community { get; } = Read("community.yaml");

    /// <summary>The demo datasets (seeds/datasets.yaml), loaded after the community.</summary>
    public static SeedFile Datasets { get; } = Read("datasets.yaml");

    public static string NameOf(string personId) => Community.People.Single(p => p.Id == personId).Name!;

    private static SeedFile Read(string file) => new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build()
        .Deserialize<SeedFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seeds", file)));
}
