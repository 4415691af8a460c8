namespace CollabBot.Core.Seeding;

/// <summary>Who answered for the next occurrence of a seeded series (person ids).</summary>
public sealed class SeedRsvps
{
    public List<string> Yes { get; set; } = [];
    public List<string> Maybe { get; set; } = [];
    public List<string> No { get; set; } = [];
}
