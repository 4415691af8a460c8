namespace CollabBot.Core.Domain;

public enum ChallengeState
{
    Draft,
    Open,
    Closed,
}

/// <summary>Who may submit to a challenge: anyone at all, or members of the dataset's group.</summary>
public enum SubmissionPolicy
{
    Anyone,
    Members,
}

public enum SubmissionState
{
    /// <summary>Received and stored; the scoring worker has not finished with it.</summary>
    Queued,

    /// <summary>Scored against the hidden truth; its scores count on the boards.</summary>
    Scored,

    /// <summary>A bad file: never scored, does not count against the daily limit.</summary>
    Rejected,
}

/// <summary>
/// A challenge on a dataset (and optionally one of its versions): submissions are scored against a hidden truth
/// (<see cref="ChallengeTruth"/>) with <see cref="Metrics"/>, the primary first. The group of the dataset governs it;
/// its conveners and <c>dataset-team</c> members manage it (<c>who: manager</c>).
/// </summary>
public sealed class Challenge : IVersioned
{
    public int Id { get; set; }
    public int DatasetId { get; set; }
    public Dataset Dataset { get; set; } = null!;
    public int? DatasetVersionId { get; set; }
    public DatasetVersion? DatasetVersion { get; set; }

    /// <summary>Unique across all challenges, like a dataset's slug.</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }

    /// <summary>What to predict, in a sentence (e.g. "Tag top-quark jets: a score per jet, higher for top").</summary>
    public string? Task { get; set; }

    /// <summary>Canonical metric names (<see cref="Challenges.Metric.Name"/>) separated by commas, the primary first.</summary>
    public required string Metrics { get; set; }

    /// <summary>0 to 1: the share of the truth's rows on the public board while open.</summary>
    public double PublicFraction { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }

    /// <summary>Submissions per participant (or team) per UTC day; rejected files do not count.</summary>
    public int DailyLimit { get; set; }
    public SubmissionPolicy WhoMaySubmit { get; set; }
    public ChallengeState State { get; set; }

    /// <summary>The seed that splits the truth into its public and private parts: as secret as the truth (never audited, shown or exported).</summary>
    public required byte[] Seed { get; set; }
    public double? Target { get; set; }

    /// <summary>The truth in use: its SHA-256 and row counts are public; its rows are in <see cref="ChallengeTruth"/>, never shown.</summary>
    public int? TruthId { get; set; }
    public string? TruthSha256 { get; set; }
    public int? TruthRows { get; set; }
    public int? TruthPublicRows { get; set; }

    /// <summary>The scored submission leading the board (public part while open, private after closing): a change is announced once.</summary>
    public int? LeaderSubmissionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public int? CreatedByPersonId { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int Version { get; set; }

    public List<ChallengeBaseline> Baselines { get; set; } = [];

    /// <summary>The metric names, the primary first.</summary>
    public IReadOnlyList<string> MetricNames => Metrics.Split(',');

    public string PrimaryMetric => MetricNames[0];
}

/// <summary>
/// A hidden truth file as a manager uploaded it: its bytes, hash and row count. Never listed, shown, exported or
/// logged; only the scoring queue reads <see cref="Content"/>. A new upload supersedes it (<see cref="ReplacedAt"/>);
/// nothing is deleted.
/// </summary>
public sealed class ChallengeTruth
{
    public int Id { get; set; }
    public int ChallengeId { get; set; }
    public Challenge Challenge { get; set; } = null!;
    public required byte[] Content { get; set; }
    public required string Sha256 { get; set; }
    public int RowCount { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public int? UploadedByPersonId { get; set; }
    public DateTimeOffset? ReplacedAt { get; set; }
}

/// <summary>A team of participants: its best submission counts once on the board and its members share the daily limit.</summary>
public sealed class ChallengeTeam
{
    public int Id { get; set; }
    public int ChallengeId { get; set; }
    public Challenge Challenge { get; set; } = null!;
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int? CreatedByPersonId { get; set; }
    public List<ChallengeTeamMember> Members { get; set; } = [];
}

/// <summary>A person in a team; leaving ends the row (<see cref="LeftAt"/>), nothing is deleted.</summary>
public sealed class ChallengeTeamMember
{
    public int Id { get; set; }
    public int TeamId { get; set; }
    public ChallengeTeam Team { get; set; } = null!;

    /// <summary>The team's challenge, repeated so "one active team per person per challenge" is a query on one table.</summary>
    public int ChallengeId { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
}

/// <summary>A reference result a manager records: it appears on boards and plots, never competes.</summary>
public sealed class ChallengeBaseline
{
    public int Id { get; set; }
    public int ChallengeId { get; set; }
    public Challenge Challenge { get; set; } = null!;
    public double Score { get; set; }
    public required string Method { get; set; }
    public string? Url { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public int? RecordedByPersonId { get; set; }
}

/// <summary>
/// One submitted prediction file. Queued on arrival (the file in <see cref="ChallengeSubmissionFile"/>), then scored or
/// rejected by the scoring worker, which claims it by <see cref="ClaimedUntil"/> like the outbox does, so a restart
/// picks up what was left. The primary metric's scores are columns (boards sort on them); every metric's are in
/// <see cref="ScoresJson"/>.
/// </summary>
public sealed class ChallengeSubmission : IVersioned
{
    public int Id { get; set; }
    public int ChallengeId { get; set; }
    public Challenge Challenge { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;

    /// <summary>The submitter's team when they submitted: the team's best counts once on the board.</summary>
    public int? TeamId { get; set; }
    public ChallengeTeam? Team { get; set; }
    public SubmissionState State { get; set; }

    /// <summary>Why a file was rejected: one sentence naming the first bad line and the rule (quotes the submission, never the truth).</summary>
    public string? Error { get; set; }
    public double? PublicScore { get; set; }
    public double? PrivateScore { get; set; }

    /// <summary>JSON array of {metric, public, private}, primary first; infinities written as "Infinity".</summary>
    public string? ScoresJson { get; set; }
    public string? Method { get; set; }
    public string? Description { get; set; }
    public string? CodeUrl { get; set; }
    public string? PaperUrl { get; set; }

    /// <summary>Inference time per event, in milliseconds.</summary>
    public double? TimePerEventMs { get; set; }

    /// <summary>How the file arrived: <c>url</c>, <c>slack-file</c>, <c>discord-attachment</c>, <c>api</c>, <c>seed</c>.</summary>
    public required string Source { get; set; }
    public long FileBytes { get; set; }
    public required string FileSha256 { get; set; }

    /// <summary>Where the result goes: the channel the submission came from, or null for the submitter's direct messages.</summary>
    public string? ReplyPlatform { get; set; }
    public string? ReplyTenant { get; set; }
    public string? ReplyChannelId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }

    /// <summary>A worker holds the submission until then; past it, another may take it (the first died).</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public int Attempts { get; set; }
    public int Version { get; set; }
}

/// <summary>A submission's file, apart from its row so lists and boards never load it. Kept after scoring (nothing is deleted).</summary>
public sealed class ChallengeSubmissionFile
{
    public int Id { get; set; }
    public int SubmissionId { get; set; }
    public ChallengeSubmission Submission { get; set; } = null!;
    public required byte[] Content { get; set; }
}
