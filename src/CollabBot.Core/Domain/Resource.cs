using CollabBot.Core.Resources;

namespace CollabBot.Core.Domain;

/// <summary>What a library entry is; written in chat and files as <c>tutorial</c>, <c>dataset-doc</c> … (see <see cref="ResourceTerms"/>).</summary>
public enum ResourceKind
{
    Tutorial,
    Course,
    School,
    Lecture,
    Paper,
    Review,
    Software,
    DatasetDoc,
    Talk,
    Book,
}

public enum ResourceLevel
{
    Beginner,
    Intermediate,
    Advanced,
}

public enum ResourceAudience
{
    Physicists,
    MlResearchers,
    Newcomers,
}

/// <summary>
/// An entry of the community's library, shown to people as <c>#Id</c>. Retiring sets <see cref="RetiredAt"/>;
/// nothing is deleted. <see cref="TitleKey"/> and <see cref="UrlKey"/> follow <see cref="Title"/> and
/// <see cref="Url"/>: the first ranks an exact title match first, the second makes a URL unique however it is written.
/// </summary>
public sealed class Resource : IVersioned
{
    private string title = "";
    private string url = "";

    public int Id { get; set; }
    public ResourceKind Kind { get; set; }

    public required string Title
    {
        get => title;
        set
        {
            title = value;
            TitleKey = ResourceKeys.Title(value);
        }
    }

    /// <summary>The title folded for comparison (case, spacing, punctuation): set with <see cref="Title"/>.</summary>
    public string TitleKey { get; private set; } = "";

    /// <summary>An absolute http(s) address.</summary>
    public required string Url
    {
        get => url;
        set
        {
            url = value;
            UrlKey = ResourceKeys.Url(value);
        }
    }

    /// <summary>The address without scheme, <c>www.</c>, fragment, tracking parameters or trailing slash: set with <see cref="Url"/>.</summary>
    public string UrlKey { get; private set; } = "";

    /// <summary>Authors in order, one name each, as the source wrote them.</summary>
    public List<string> Authors { get; set; } = [];
    public int? Year { get; set; }
    public ResourceLevel? Level { get; set; }
    public ResourceAudience? Audience { get; set; }

    /// <summary>Topic slugs in the order given: words of the deployment's vocabulary (<see cref="Topic"/>) or free tags.</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>A bare arXiv identifier, <c>1902.08570</c> or <c>hep-ph/0603175</c>, without version.</summary>
    public string? ArxivId { get; set; }

    /// <summary>A bare DOI in lower case, <c>10.1103/physrevd.101.056019</c>.</summary>
    public string? Doi { get; set; }

    /// <summary>An INSPIRE-HEP literature record number.</summary>
    public string? InspireId { get; set; }
    public string? Licence { get; set; }
    public string? Description { get; set; }

    public int? AddedByPersonId { get; set; }
    public Person? AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }
    public int? RetiredByPersonId { get; set; }
    public int Version { get; set; }

    public List<ResourceGroup> Groups { get; set; } = [];

    /// <summary>What the link checker last saw; null until the first check.</summary>
    public ResourceLink? Link { get; set; }

    public bool IsRetired => RetiredAt is not null;

    /// <summary>How replies name it: <c>#42</c>.</summary>
    public string Ref => ResourceKeys.Ref(Id);
}

/// <summary>A resource belongs to a group's library; a resource may belong to several groups, or to none.</summary>
public sealed class ResourceGroup
{
    public int ResourceId { get; set; }
    public Resource Resource { get; set; } = null!;
    public int GroupId { get; set; }
    public WorkingGroup Group { get; set; } = null!;
    public DateTimeOffset AddedAt { get; set; }
    public int? AddedByPersonId { get; set; }
}

/// <summary>
/// A person's reading list entry. Unstarring sets <see cref="UnstarredAt"/> and starring again reopens the same row,
/// as a membership does.
/// </summary>
public sealed class ResourceStar
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int ResourceId { get; set; }
    public Resource Resource { get; set; } = null!;
    public DateTimeOffset StarredAt { get; set; }
    public DateTimeOffset? UnstarredAt { get; set; }
}

/// <summary>
/// One step of a group's start-here path for newcomers: resources in <see cref="Position"/> order. Setting a new
/// path ends the current steps (<see cref="RemovedAt"/>) and adds the new ones, so earlier paths stay readable.
/// </summary>
public sealed class StartHereStep
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public WorkingGroup Group { get; set; } = null!;
    public int ResourceId { get; set; }
    public Resource Resource { get; set; } = null!;

    /// <summary>1-based.</summary>
    public int Position { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public int? SetByPersonId { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
}

/// <summary>
/// A topic a resource may carry: the deployment's vocabulary (<see cref="InVocabulary"/>, loaded from the seed) and
/// every free tag someone used, so suggestions and filters know them all without scanning the library.
/// </summary>
public sealed class Topic
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool InVocabulary { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// What the link checker last saw of a resource's address. Machine state, not what users entered: not audited, and
/// kept off the resource row so a check never conflicts with someone editing the resource.
/// </summary>
public sealed class ResourceLink
{
    public int ResourceId { get; set; }
    public Resource Resource { get; set; } = null!;
    public DateTimeOffset? CheckedAt { get; set; }
    public DateTimeOffset? LastOkAt { get; set; }

    /// <summary>Set when the link was marked broken; cleared when it works again.</summary>
    public DateTimeOffset? BrokenSince { get; set; }

    /// <summary>The last HTTP status, or null when no response came (refused address, timeout, DNS).</summary>
    public int? LastStatus { get; set; }

    /// <summary>Failed checks in a row.</summary>
    public int Failures { get; set; }

    /// <summary>Why the last check failed, in a short sentence.</summary>
    public string? LastError { get; set; }

    public bool IsBroken => BrokenSince is not null;
}
