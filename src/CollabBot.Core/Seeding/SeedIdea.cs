namespace CollabBot.Core.Seeding;

/// <summary>A topic idea in a seed file: loaded once, by title within its group.</summary>
public sealed class SeedIdea
{
    public string Title { get; set; } = "";
    public string? Note { get; set; }

    /// <summary>A person id from the same file.</summary>
    public string By { get; set; } = "";
    public string? Speaker { get; set; }
    public List<string> Votes { get; set; } = [];
}
