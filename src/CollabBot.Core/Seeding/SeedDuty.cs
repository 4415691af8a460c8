namespace CollabBot.Core.Seeding;

/// <summary>A duty of a seeded series (chair, minutes…) and its volunteers in order (person ids), in the rotation since the series began.</summary>
public sealed class SeedDuty
{
    public string Name { get; set; } = "";
    public List<string> Volunteers { get; set; } = [];
}
