using System.Globalization;
using CollabBot.Core.Resources;

namespace CollabBot.Core.Seeding;

public sealed class SeedTopic
{
    public string Slug { get; set; } = "";
    public string? Name { get; set; }
    public string? Description { get; set; }
}

/// <summary>A library entry; checked by the same <see cref="ResourceInput"/> as <c>/resource add</c> and imports.</summary>
public sealed class SeedResource
{
    public string Title { get; set; } = "";
    public string? Url { get; set; }
    public string Kind { get; set; } = "";
    public string? Level { get; set; }
    public string? Audience { get; set; }
    public List<string> Topics { get; set; } = [];
    public List<string> Groups { get; set; } = [];
    public List<string> Authors { get; set; } = [];
    public int? Year { get; set; }
    public string? Arxiv { get; set; }
    public string? Doi { get; set; }
    public string? Inspire { get; set; }
    public string? Licence { get; set; }
    public string? Description { get; set; }

    /// <summary>A person id from the same file; absent: added by the seed.</summary>
    public string? AddedBy { get; set; }

    public ResourceDraft ToDraft() => new()
    {
        Title = Title,
        Url = Url,
        Kind = Kind,
        Level = Level,
        Audience = Audience,
        Topics = Topics,
        Groups = Groups,
        Authors = Authors,
        Year = Year?.ToString(CultureInfo.InvariantCulture),
        ArxivId = Arxiv,
        Doi = Doi,
        InspireId = Inspire,
        Licence = Licence,
        Description = Description,
    };
}

/// <summary>A group's start-here path: resource addresses in reading order.</summary>
public sealed class SeedStartHere
{
    public string Group { get; set; } = "";
    public List<string> Resources { get; set; } = [];
}
