namespace CollabBot.Core.Domain;

/// <summary>
/// A benchmark dataset a group looks after: a slug unique across groups (so <c>/dataset cite jetclass</c> needs no
/// group), its GitHub repository and issue label, and its released <see cref="Versions"/>.
/// </summary>
public sealed class Dataset
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public WorkingGroup Group { get; set; } = null!;
    public required string Slug { get; set; }
    public required string Title { get; set; }

    /// <summary>GitHub owner and repository name; both null when the dataset has no repository.</summary>
    public string? RepoOwner { get; set; }
    public string? RepoName { get; set; }

    /// <summary>The issue label on GitHub; null means the slug.</summary>
    public string? Label { get; set; }
    public string? Url { get; set; }
    public string? Doi { get; set; }
    public string? License { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int? CreatedByPersonId { get; set; }

    public List<DatasetVersion> Versions { get; set; } = [];
    public List<DatasetTracking> Trackings { get; set; } = [];

    public bool HasRepository => RepoOwner is not null && RepoName is not null;

    public string? Repository => HasRepository ? $"{RepoOwner}/{RepoName}" : null;

    public string IssueLabel => Label ?? Slug;
}

/// <summary>A release of a dataset. Never overwritten: the same version string again is refused.</summary>
public sealed class DatasetVersion
{
    public int Id { get; set; }
    public int DatasetId { get; set; }
    public Dataset Dataset { get; set; } = null!;

    /// <summary>The version string, e.g. <c>1.2.0</c>; unique per dataset. (Not "Version": that name means the concurrency counter here.)</summary>
    public required string Name { get; set; }
    public string? Doi { get; set; }
    public string? Url { get; set; }

    /// <summary>"yyyy-MM-dd": the release date.</summary>
    public required string ReleasedOn { get; set; }
    public string? Notes { get; set; }
    public int? RecordedByPersonId { get; set; }
    public Person? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A channel that receives a dataset's issue events. Untracking ends it; nothing is deleted.</summary>
public sealed class DatasetTracking
{
    public int Id { get; set; }
    public int DatasetId { get; set; }
    public Dataset Dataset { get; set; } = null!;
    public required string Platform { get; set; }
    public required string Tenant { get; set; }
    public required string ChannelId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public int? StartedByPersonId { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int? EndedByPersonId { get; set; }
}

/// <summary>
/// What polling last saw of a dataset's issues on GitHub: the ETag to send as <c>If-None-Match</c> (as received,
/// quotes and all) and each issue's state, so a change is noticed — and posted — once, even across restarts.
/// Machine state, not user data: it is not audited.
/// </summary>
public sealed class GitHubPollState : IVersioned
{
    public int Id { get; set; }
    public int DatasetId { get; set; }
    public Dataset Dataset { get; set; } = null!;

    /// <summary>Issues updated before this instant are not asked for; it stays fixed so the request, and so its ETag, stays the same.</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>Repository and label the ETag belongs to; when either changes the ETag is dropped.</summary>
    public string? RequestKey { get; set; }
    public string? ETag { get; set; }

    /// <summary>JSON object: issue number → <c>open</c> or <c>closed</c>.</summary>
    public string IssueStates { get; set; } = "{}";
    public DateTimeOffset? LastChangedAt { get; set; }

    /// <summary>When a webhook delivery last arrived for the dataset's repository: polling leaves such datasets to the webhook.</summary>
    public DateTimeOffset? WebhookSeenAt { get; set; }
    public int Version { get; set; }
}
