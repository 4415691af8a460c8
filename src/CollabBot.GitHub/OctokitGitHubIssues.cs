using System.Globalization;
using System.Net;
using CollabBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace CollabBot.GitHub;

/// <summary>
/// <see cref="IGitHubIssues"/> with Octokit. The connection is built by hand — not through
/// <c>new GitHubClient(header, uri)</c>, which appends <c>/api/v3/</c> to any host but github.com — so
/// <c>GitHub:ApiBaseUrl</c> is used exactly as given (GitHub Enterprise's <c>https://ghe/api/v3/</c> or a local fake).
/// Octokit sends through the <c>IHttpClientFactory</c>'s <see cref="HttpClientName"/> handler chain (see
/// <see cref="GitHubServices.AddGitHubHttp"/>): timeouts, transient retries of reads, a circuit breaker, ETags.
/// </summary>
public sealed partial class OctokitGitHubIssues : IGitHubIssues, IDisposable
{
    /// <summary>The <c>IHttpClientFactory</c> client whose handler chain Octokit sends through.</summary>
    public const string HttpClientName = "github";

    /// <summary>Label colour for labels we create: GitHub's default grey-blue.</summary>
    public const string LabelColor = "ededed";

    private readonly GitHubClient? client;
    private readonly HttpClientAdapter? adapter;
    private readonly TimeProvider clock;
    private readonly ILogger<OctokitGitHubIssues> logger;

    public OctokitGitHubIssues(IOptions<GitHubOptions> options, IHttpMessageHandlerFactory handlers, TimeProvider clock, ILogger<OctokitGitHubIssues> logger)
    {
        this.clock = clock;
        this.logger = logger;
        var o = options.Value;
        if (!o.IssuesEnabled)
        {
            return;
        }

        var baseUrl = o.ApiBaseUrl.EndsWith('/') ? o.ApiBaseUrl : o.ApiBaseUrl + "/";
        var handler = handlers.CreateHandler(HttpClientName);
        adapter = new HttpClientAdapter(() => handler);

        // The pipeline's total timeout bounds each call; Octokit's own (100 s by default) only backs it up.
        adapter.SetRequestTimeout(TimeSpan.FromMinutes(2));
        var connection = new Connection(
            new ProductHeaderValue("CollabBot", typeof(OctokitGitHubIssues).Assembly.GetName().Version?.ToString(3) ?? "0"),
            new Uri(baseUrl),
            new InMemoryCredentialStore(new Credentials(o.Token!.Trim(), AuthenticationType.Bearer)),
            adapter,
            new SimpleJsonSerializer());
        client = new GitHubClient(connection);
    }

    public bool IsConfigured => client is not null;

    public Task<GitHubResult<IssueInfo>> CreateIssueAsync(RepoRef repo, NewIssueRequest issue, CancellationToken cancellationToken = default) =>
        RunAsync(nameof(CreateIssueAsync), repo, async c =>
        {
            await EnsureLabelsAsync(c, repo, issue.Labels, cancellationToken);
            var request = new NewIssue(issue.Title) { Body = issue.Body };
            foreach (var label in issue.Labels)
            {
                request.Labels.Add(label);
            }

            // Octokit's Issue.Create takes no token; the connection's timeout bounds it and the caller's timeout stops waiting.
            var created = await c.Issue.Create(repo.Owner, repo.Name, request).WaitAsync(cancellationToken);
            return (GitHubResult<IssueInfo>)Map(created);
        });

    public Task<GitHubResult<IReadOnlyList<IssueInfo>>> ListIssuesAsync(RepoRef repo, IssueStateFilter state, string? label, int limit, CancellationToken cancellationToken = default) =>
        RunAsync(nameof(ListIssuesAsync), repo, async c =>
        {
            var parameters = Parameters(label, state switch { IssueStateFilter.Closed => "closed", IssueStateFilter.All => "all", _ => "open" }, Math.Clamp(limit, 1, 100));
            var response = await c.Connection.Get<List<Issue>>(IssuesUri(repo), parameters, null, cancellationToken);
            IReadOnlyList<IssueInfo> issues = [.. (response.Body ?? []).Where(i => i.PullRequest is null).Take(limit).Select(Map)];
            return (GitHubResult<IReadOnlyList<IssueInfo>>)new GitHubResult<IReadOnlyList<IssueInfo>>(issues, null);
        });

    public Task<GitHubResult<IssuePage>> GetIssuesSinceAsync(RepoRef repo, string? label, DateTimeOffset since, string? etag, CancellationToken cancellationToken = default) =>
        RunAsync(nameof(GetIssuesSinceAsync), repo, async c =>
        {
            var parameters = Parameters(label, "all", 100);
            parameters["since"] = since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            IApiResponse<List<Issue>> response;
            using (ConditionalRequestHandler.With(etag))
            {
                response = await c.Connection.Get<List<Issue>>(IssuesUri(repo), parameters, null, cancellationToken);
            }

            var received = response.HttpResponse.ApiInfo?.Etag ?? HeaderValues.Get(response.HttpResponse.Headers, "ETag");
            if (response.HttpResponse.StatusCode == HttpStatusCode.NotModified)
            {
                return (GitHubResult<IssuePage>)new IssuePage(true, received ?? etag, []);
            }

            return (GitHubResult<IssuePage>)new IssuePage(false, received, [.. (response.Body ?? []).Where(i => i.PullRequest is null).Select(Map)]);
        });

    /// <summary>Creates the labels the repository lacks (compared case-insensitively, as GitHub does).</summary>
    private static async Task EnsureLabelsAsync(GitHubClient c, RepoRef repo, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var existing = await c.Issue.Labels.GetAllForRepository(repo.Owner, repo.Name, new ApiOptions { PageSize = 100 }).WaitAsync(cancellationToken);
        foreach (var label in labels.Where(l => !existing.Any(e => string.Equals(e.Name, l, StringComparison.OrdinalIgnoreCase))).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                await c.Issue.Labels.Create(repo.Owner, repo.Name, new NewLabel(label, LabelColor)).WaitAsync(cancellationToken);
            }
            catch (ApiValidationException ex) when (ex.ApiError?.Errors?.Any(e => e.Code == "already_exists") == true)
            {
                // Someone created it between our listing and now: that is what we wanted.
            }
        }
    }

    private static Uri IssuesUri(RepoRef repo) =>
        new($"repos/{Uri.EscapeDataString(repo.Owner)}/{Uri.EscapeDataString(repo.Name)}/issues", UriKind.Relative);

    private static Dictionary<string, string> Parameters(string? label, string state, int perPage)
    {
        var parameters = new Dictionary<string, string>
        {
            ["state"] = state,
            ["sort"] = "updated",
            ["direction"] = "desc",
            ["per_page"] = perPage.ToString(CultureInfo.InvariantCulture),
        };
        if (label is not null)
        {
            parameters["labels"] = label;
        }

        return parameters;
    }

    private static IssueInfo Map(Issue i) => new(
        i.Number,
        i.Title,
        i.HtmlUrl,
        i.State.StringValue == "closed" ? IssueState.Closed : IssueState.Open,
        [.. (i.Labels ?? []).Select(l => l.Name)],
        i.User?.Login,
        i.CreatedAt,
        i.UpdatedAt ?? i.CreatedAt,
        i.ClosedAt,
        i.StateReason?.StringValue);

    private async Task<GitHubResult<T>> RunAsync<T>(string operation, RepoRef repo, Func<GitHubClient, Task<GitHubResult<T>>> call)
    {
        if (client is null)
        {
            return new GitHubFailure(GitHubFailureKind.NotConfigured, "GitHub:Token is not set");
        }

        try
        {
            return await call(client);
        }
        catch (Exception ex) when (GitHubErrors.From(ex, clock.GetUtcNow()) is { } failure)
        {
            LogFailed(logger, operation, repo.ToString(), failure.Kind.ToString(), failure.Detail);
            return failure;
        }
    }

    public void Dispose() => adapter?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub {Operation} on {Repository} failed: {Kind} ({Detail})")]
    private static partial void LogFailed(ILogger logger, string operation, string repository, string kind, string detail);
}
