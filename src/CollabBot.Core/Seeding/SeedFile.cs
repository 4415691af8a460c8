namespace CollabBot.Core.Seeding;

/// <summary>The shape of a file in <c>seeds/</c>.</summary>
public sealed class SeedFile
{
    public List<SeedPerson> People { get; set; } = [];
    public List<SeedGroup> Groups { get; set; } = [];
    public List<SeedProject> Projects { get; set; } = [];
    public List<SeedDataset> Datasets { get; set; } = [];

    /// <summary>The deployment's topic vocabulary.</summary>
    public List<SeedTopic> Topics { get; set; } = [];
    public List<SeedResource> Resources { get; set; } = [];
    public List<SeedStartHere> StartHere { get; set; } = [];

    /// <summary>Demo challenges with generated truth and scored submissions (see <see cref="SeedChallenge"/>).</summary>
    public List<SeedChallenge> Challenges { get; set; } = [];
}

public sealed class SeedPerson
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string? Given { get; set; }
    public string? Family { get; set; }
    public string? Particle { get; set; }
    public string? Orcid { get; set; }
    public List<string> Affiliations { get; set; } = [];
    public string? Tz { get; set; }
    public List<string> Identities { get; set; } = [];
}
