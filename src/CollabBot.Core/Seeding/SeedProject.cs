namespace CollabBot.Core.Seeding;

public sealed class SeedProject
{
    public string Slug { get; set; } = "";
    public string Group { get; set; } = "";
    public string Title { get; set; } = "";
    public string Kind { get; set; } = "paper";
    public List<SeedContribution> Contributions { get; set; } = [];
}

public sealed class SeedContribution
{
    public string Person { get; set; } = "";
    public string Role { get; set; } = "";
    public string Degree { get; set; } = "equal";
    public string Status { get; set; } = "confirmed";
    public string? Note { get; set; }
    public string? Reason { get; set; }
    public string? RecordedBy { get; set; }
}
