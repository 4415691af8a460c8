namespace CollabBot.Core.Seeding;

public sealed class SeedDataset
{
    public string Slug { get; set; } = "";
    public string Group { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Repo { get; set; }
    public string? Label { get; set; }
    public string? Url { get; set; }
    public string? Doi { get; set; }
    public string? License { get; set; }
    public List<SeedDatasetVersion> Versions { get; set; } = [];
}

public sealed class SeedDatasetVersion
{
    public string Version { get; set; } = "";
    public string Date { get; set; } = "";
    public string? Doi { get; set; }
    public string? Url { get; set; }
    public string? Notes { get; set; }
}
