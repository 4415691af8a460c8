namespace CollabBot.Core.Ports;

/// <summary>A GitHub repository, <c>owner/name</c>.</summary>
public sealed record RepoRef(string Owner, string Name)
{
    public override string ToString() => $"{Owner}/{Name}";
}

public enum IssueState
{
    Open,
    Closed,
}

public enum IssueStateFilter
{
    Open,
    Closed,
    All,
}

/// <summary>An issue as CollabBot needs it (pull requests are never returned).</summary>
public sealed record IssueInfo(
    int Number,
    string Title,
    string Url,
    IssueState State,
    IReadOnlyList<string> Labels,
    string? Author,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    string? StateReason = null);

public sealed record NewIssueRequest(string Title, string Body, IReadOnlyList<string> Labels);

/// <summary>The answer to a conditional request: <see cref="NotModified"/> (a <c>304</c>, free of rate limit) or the issues with the new ETag.</summary>
public sealed record IssuePage(bool NotModified, string? ETag, IReadOnlyList<IssueInfo> Issues);

public enum GitHubFailureKind
{
    /// <summary>No token configured here.</summary>
    NotConfigured,

    /// <summary>404: the repository does not exist or the token cannot see it.</summary>
    NotFound,

    /// <summary>401: the token is wrong or expired.</summary>
    Unauthorized,

    /// <summary>403 without a rate limit: the token lacks a permission.</summary>
    Forbidden,

    /// <summary>Primary or secondary rate limit; <see cref="GitHubFailure.RetryAt"/> says when to try again.</summary>
    RateLimited,

    /// <summary>No answer: network, DNS, TLS, or a timeout.</summary>
    Unreachable,

    /// <summary>422 and anything else GitHub refused.</summary>
    Rejected,
}

/// <summary>Why a GitHub call did not work, as a value: these are the world's failures, not bugs.</summary>
public sealed record GitHubFailure(GitHubFailureKind Kind, string Detail, DateTimeOffset? RetryAt = null);

/// <summary>Either a value or a <see cref="GitHubFailure"/>.</summary>
public sealed record GitHubResult<T>(T? Value, GitHubFailure? Failure)
{
    public bool Ok => Failure is null;

    public static implicit operator GitHubResult<T>(T value) => new(value, null);

    public static implicit operator GitHubResult<T>(GitHubFailure failure) => new(default, failure);
}

/// <summary>
/// The GitHub calls CollabBot makes, behind an interface of our own (STYLE.md: "wrap Octokit"), every call with a
/// cancellation token and every failure as a value. Implemented with Octokit in <c>CollabBot.GitHub</c>.
/// </summary>
public interface IGitHubIssues
{
    /// <summary>False when no token is configured: callers say so instead of calling.</summary>
    bool IsConfigured { get; }

    /// <summary>Opens an issue; labels the repository does not have yet are created first.</summary>
    Task<GitHubResult<IssueInfo>> CreateIssueAsync(RepoRef repo, NewIssueRequest issue, CancellationToken cancellationToken = default);

    /// <summary>One page of issues with <paramref name="label"/>, most recently updated first.</summary>
    Task<GitHubResult<IReadOnlyList<IssueInfo>>> ListIssuesAsync(RepoRef repo, IssueStateFilter state, string? label, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// A conditional request for issues with <paramref name="label"/> updated since <paramref name="since"/> (open and
    /// closed), sending <c>If-None-Match: <paramref name="etag"/></c> when given, so an unchanged answer is a free <c>304</c>.
    /// </summary>
    Task<GitHubResult<IssuePage>> GetIssuesSinceAsync(RepoRef repo, string? label, DateTimeOffset since, string? etag, CancellationToken cancellationToken = default);
}

/// <summary>What a deployment without GitHub settings has: every call answers "not configured".</summary>
public sealed class GitHubNotConfigured : IGitHubIssues
{
    private static readonly GitHubFailure Failure = new(GitHubFailureKind.NotConfigured, "GitHub:Token is not set");

    public bool IsConfigured => false;

    public Task<GitHubResult<IssueInfo>> CreateIssueAsync(RepoRef repo, NewIssueRequest issue, CancellationToken cancellationToken = default) =>
        Task.FromResult<GitHubResult<IssueInfo>>(Failure);

    public Task<GitHubResult<IReadOnlyList<IssueInfo>>> ListIssuesAsync(RepoRef repo, IssueStateFilter state, string? label, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<GitHubResult<IReadOnlyList<IssueInfo>>>(Failure);

    public Task<GitHubResult<IssuePage>> GetIssuesSinceAsync(RepoRef repo, string? label, DateTimeOffset since, string? etag, CancellationToken cancellationToken = default) =>
        Task.FromResult<GitHubResult<IssuePage>>(Failure);
}
