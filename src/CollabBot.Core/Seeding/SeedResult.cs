namespace CollabBot.Core.Seeding;

/// <summary>How many of each kind of thing a seed load added (what was there already is not counted).</summary>
public sealed record SeedResult(int Groups, int People, int Memberships, int Channels, int Meetings = 0, int Talks = 0, int Projects = 0, int Contributions = 0, int Datasets = 0, int Versions = 0, int Resources = 0, int StartHerePaths = 0)
{
    public static SeedResult Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public static SeedResult operator +(SeedResult a, SeedResult b) =>
        new(a.Groups + b.Groups, a.People + b.People, a.Memberships + b.Memberships, a.Channels + b.Channels, a.Meetings + b.Meetings, a.Talks + b.Talks, a.Projects + b.Projects, a.Contributions + b.Contributions, a.Datasets + b.Datasets, a.Versions + b.Versions, a.Resources + b.Resources, a.StartHerePaths + b.StartHerePaths);
}
