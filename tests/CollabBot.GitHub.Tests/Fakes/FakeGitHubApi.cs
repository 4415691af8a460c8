using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.GitHub.Tests.Fakes;

/// <summary>
/// A loopback stand-in for api.github.com (Kestrel on 127.0.0.1, a random port), shaped as GitHub's REST docs describe:
/// the issues and labels endpoints, JSON bodies with GitHub's field names, ETags on lists and a <c>304</c> for a
/// matching <c>If-None-Match</c>, rate-limit headers, and GitHub's error bodies for 401/403/404/422/429. It counts the
/// requests that would count against the primary rate limit (every answer but a 304).
/// </summary>
public sealed class FakeGitHubApi : IAsyncDisposable
{
    public const string Token = "ghp_fake_token_for_tests";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, FakeRepo> repos = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<Func<HttpContext, Task>> failures = new();
    private readonly TimeProvider clock;
    private int requests;
    private int notModified;

    private FakeGitHubApi(WebApplication app, TimeProvider clock)
    {
        this.app = app;
        this.clock = clock;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request, in order: "GET /repos/o/r/issues".</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public int Requests => requests;

    public int NotModified => notModified;

    /// <summary>Requests GitHub would count against the primary rate limit: everything but a 304.</summary>
    public int CountedAgainstRateLimit => requests - notModified;

    public int RateLimitRemaining { get; private set; } = 5000;

    /// <summary>How long every answer takes (the writes benchmark: GitHub answering after 500 ms).</summary>
    public TimeSpan Latency { get; set; }

    public static async Task<FakeGitHubApi> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGitHubApi(app, clock ?? TimeProvider.System);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    public FakeRepo AddRepo(string owner, string name, params string[] labels)
    {
        var repo = new FakeRepo(owner, name);
        foreach (var label in labels)
        {
            repo.AddLabel(label);
        }

        repos[$"{owner}/{name}"] = repo;
        return repo;
    }

    public FakeRepo Repo(string owner, string name) => repos[$"{owner}/{name}"];

    /// <summary>The next request (whatever it is) gets this answer instead.</summary>
    public void FailNext(int status, string message, IReadOnlyDictionary<string, string>? headers = null, string? documentationUrl = null) =>
        failures.Enqueue(async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (k, v) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[k] = v;
            }

            await WriteJsonAsync(context, new JsonObject { ["message"] = message, ["documentation_url"] = documentationUrl ?? "https://docs.github.com/rest", ["status"] = status.ToString(CultureInfo.InvariantCulture) });
        });

    /// <summary>GitHub's primary rate limit answer: 403 with "API rate limit exceeded" and x-ratelimit-remaining 0.</summary>
    public void FailNextWithPrimaryRateLimit(DateTimeOffset reset) =>
        FailNext(403, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.", new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-used"] = "5000",
            ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-resource"] = "core",
        }, "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");

    /// <summary>A secondary rate limit answered as 429 with retry-after, as GitHub may.</summary>
    public void FailNextWithSecondaryRateLimit(int retryAfterSeconds) =>
        FailNext(429, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", new Dictionary<string, string>
        {
            ["retry-after"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture),
        }, "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits");

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, clock, context.RequestAborted);
        }

        Log.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        Interlocked.Increment(ref requests);
        context.Response.Headers["x-github-api-version-selected"] = "2022-11-28";
        context.Response.Headers["x-ratelimit-limit"] = "5000";
        context.Response.Headers["x-ratelimit-resource"] = "core";
        context.Response.Headers["x-ratelimit-reset"] = (clock.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (failures.TryDequeue(out var failure))
        {
            await failure(context);
            return;
        }

        if (request.Headers.Authorization.ToString() is not ("Bearer " + Token or "token " + Token or "Token " + Token))
        {
            context.Response.StatusCode = 401;
            await WriteJsonAsync(context, new JsonObject { ["message"] = "Bad credentials", ["documentation_url"] = "https://docs.github.com/rest", ["status"] = "401" });
            return;
        }

        var parts = request.Path.Value!.Trim('/').Split('/');
        if (parts is not ["repos", var owner, var name, var what, ..] || !repos.TryGetValue($"{owner}/{name}", out var repo))
        {
            context.Response.StatusCode = 404;
            await WriteJsonAsync(context, new JsonObject { ["message"] = "Not Found", ["documentation_url"] = "https://docs.github.com/rest/issues/issues#list-repository-issues", ["status"] = "404" });
            return;
        }

        switch (request.Method, what, parts.Length)
        {
            case ("GET", "labels", 4):
                await ListAsync(context, new JsonArray([.. repo.Labels.Select(l => (JsonNode)repo.LabelJson(l, BaseUrl))]));
                return;
            case ("POST", "labels", 4):
                await CreateLabelAsync(context, repo);
                return;
            case ("GET", "issues", 4):
                await ListAsync(context, new JsonArray([.. repo.Query(request.Query, clock.GetUtcNow()).Select(i => (JsonNode)repo.IssueJson(i, BaseUrl))]));
                return;
            case ("POST", "issues", 4):
                await CreateIssueAsync(context, repo);
                return;
            default:
                context.Response.StatusCode = 404;
                await WriteJsonAsync(context, new JsonObject { ["message"] = "Not Found", ["status"] = "404" });
                return;
        }
    }

    /// <summary>A list with a weak ETag over its body; a matching If-None-Match (quotes and W/ included) gets an empty 304.</summary>
    private async Task ListAsync(HttpContext context, JsonArray list)
    {
        var body = list.ToJsonString();
        var etag = "W/\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))) + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.Vary = "Accept, Authorization, Cookie, X-GitHub-OTP";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            Interlocked.Increment(ref notModified);
            context.Response.Headers["x-ratelimit-remaining"] = RateLimitRemaining.ToString(CultureInfo.InvariantCulture);
            context.Response.StatusCode = 304;
            return;
        }

        await WriteJsonAsync(context, list);
    }

    private async Task CreateLabelAsync(HttpContext context, FakeRepo repo)
    {
        var json = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        var name = json?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name) || repo.Labels.Any(l => string.Equals(l, name, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.StatusCode = 422;
            await WriteJsonAsync(context, new JsonObject
            {
                ["message"] = "Validation Failed",
                ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Label", ["code"] = string.IsNullOrEmpty(name) ? "missing_field" : "already_exists", ["field"] = "name" }),
                ["documentation_url"] = "https://docs.github.com/rest/issues/labels#create-a-label",
                ["status"] = "422",
            });
            return;
        }

        repo.AddLabel(name);
        repo.LabelsCreatedThroughApi.Add(name);
        context.Response.StatusCode = 201;
        await WriteJsonAsync(context, repo.LabelJson(name, BaseUrl));
    }

    private async Task CreateIssueAsync(HttpContext context, FakeRepo repo)
    {
        var json = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        var title = json?["title"]?.GetValue<string>();
        if (string.IsNullOrEmpty(title))
        {
            context.Response.StatusCode = 422;
            await WriteJsonAsync(context, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Issue", ["code"] = "missing_field", ["field"] = "title" }), ["status"] = "422" });
            return;
        }

        var labels = (json!["labels"] as JsonArray ?? []).Select(l => l!.GetValue<string>()).ToList();
        foreach (var label in labels.Where(l => !repo.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)))
        {
            // GitHub creates unknown labels on the fly for users with push access; we note it, as CollabBot should have created them first.
            repo.AddLabel(label);
            repo.LabelsCreatedImplicitly.Add(label);
        }

        var issue = repo.Open(title, json["body"]?.GetValue<string>(), "collabbot-app[bot]", clock.GetUtcNow(), [.. labels]);
        context.Response.StatusCode = 201;
        context.Response.Headers.Location = $"{BaseUrl}repos/{repo.Owner}/{repo.Name}/issues/{issue.Number}";
        await WriteJsonAsync(context, repo.IssueJson(issue, BaseUrl));
    }

    private async Task WriteJsonAsync(HttpContext context, JsonNode json)
    {
        if (context.Response.StatusCode is >= 200 and < 300)
        {
            RateLimitRemaining--;
        }

        context.Response.Headers["x-ratelimit-remaining"] = context.Response.Headers.ContainsKey("x-ratelimit-remaining") && context.Response.StatusCode >= 400
            ? context.Response.Headers["x-ratelimit-remaining"]
            : RateLimitRemaining.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed class FakeIssue
{
    public int Number { get; init; }
    public required string Title { get; set; }
    public string? Body { get; set; }
    public string State { get; set; } = "open";
    public string? StateReason { get; set; }
    public List<string> Labels { get; init; } = [];
    public required string User { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public bool IsPullRequest { get; init; }
}

/// <summary>One repository's labels and issues (pull requests included, as GitHub's issues endpoint returns them).</summary>
public sealed class FakeRepo(string owner, string name)
{
    private readonly Lock gate = new();

    public string Owner { get; } = owner;
    public string Name { get; } = name;
    public List<string> Labels { get; } = [];
    public List<FakeIssue> Issues { get; } = [];
    public List<string> LabelsCreatedThroughApi { get; } = [];
    public List<string> LabelsCreatedImplicitly { get; } = [];

    public void AddLabel(string label)
    {
        lock (gate)
        {
            Labels.Add(label);
        }
    }

    public FakeIssue Open(string title, string? body, string user, DateTimeOffset at, string[] labels, bool pullRequest = false)
    {
        lock (gate)
        {
            var issue = new FakeIssue { Number = Issues.Count + 1, Title = title, Body = body, User = user, CreatedAt = at, UpdatedAt = at, Labels = [.. labels], IsPullRequest = pullRequest };
            Issues.Add(issue);
            return issue;
        }
    }

    public void Close(int number, DateTimeOffset at, string reason = "completed")
    {
        var issue = Issues.Single(i => i.Number == number);
        issue.State = "closed";
        issue.StateReason = reason;
        issue.ClosedAt = at;
        issue.UpdatedAt = at;
    }

    public void Reopen(int number, DateTimeOffset at)
    {
        var issue = Issues.Single(i => i.Number == number);
        issue.State = "open";
        issue.StateReason = "reopened";
        issue.ClosedAt = null;
        issue.UpdatedAt = at;
    }

    /// <summary>GET /repos/{o}/{r}/issues: state (default open), labels (all must match), since (updated at or after), sort=updated desc, per_page.</summary>
    public IEnumerable<FakeIssue> Query(IQueryCollection query, DateTimeOffset now)
    {
        var state = query["state"].ToString() is { Length: > 0 } s ? s : "open";
        var labels = query["labels"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        DateTimeOffset? since = DateTimeOffset.TryParse(query["since"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        var perPage = int.TryParse(query["per_page"], out var p) ? Math.Clamp(p, 1, 100) : 30;
        lock (gate)
        {
            return [.. Issues
                .Where(i => state == "all" || i.State == state)
                .Where(i => labels.All(l => i.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)))
                .Where(i => since is null || i.UpdatedAt >= since)
                .OrderByDescending(i => query["sort"] == "updated" ? i.UpdatedAt : i.CreatedAt)
                .Take(perPage)];
        }
    }

    /// <summary>GitHub's label, as recorded in octokit/fixtures (<c>Fixtures/github/rest/label.json</c>), for this repository.</summary>
    public JsonObject LabelJson(string label, Uri baseUrl) => Fixture.Json("github/rest/label.json")
        .Set("id", 208045946 + Labels.IndexOf(label))
        .Set("url", $"{baseUrl}repos/{Owner}/{Name}/labels/{Uri.EscapeDataString(label)}")
        .Set("name", label);

    /// <summary>
    /// GitHub's issue, as recorded in octokit/fixtures (<c>Fixtures/github/rest/issue.json</c>), moved to this
    /// server and repository and its author, with this issue's number, title, body, state, labels and times.
    /// </summary>
    public JsonObject IssueJson(FakeIssue i, Uri baseUrl)
    {
        var json = Fixture.Json(
                "github/rest/issue.json",
                ("https://api.github.com/", baseUrl.ToString()),
                (RecordedRepository, $"{Owner}/{Name}"),
                (RecordedUser, i.User))
            .Set("id", 1000 + i.Number)
            .Set("url", $"{baseUrl}repos/{Owner}/{Name}/issues/{i.Number}")
            .Set("labels_url", $"{baseUrl}repos/{Owner}/{Name}/issues/{i.Number}/labels{{/name}}")
            .Set("comments_url", $"{baseUrl}repos/{Owner}/{Name}/issues/{i.Number}/comments")
            .Set("events_url", $"{baseUrl}repos/{Owner}/{Name}/issues/{i.Number}/events")
            .Set("timeline_url", $"{baseUrl}repos/{Owner}/{Name}/issues/{i.Number}/timeline")
            .Set("html_url", $"https://github.com/{Owner}/{Name}/{(i.IsPullRequest ? "pull" : "issues")}/{i.Number}")
            .Set("number", i.Number)
            .Set("state", i.State)
            .Set("state_reason", i.StateReason)
            .Set("title", i.Title)
            .Set("body", i.Body)
            .Set("user.id", Math.Abs(i.User.GetHashCode(StringComparison.Ordinal) % 100000))
            .Set("labels", new JsonArray([.. i.Labels.Select(l => (JsonNode)LabelJson(l, baseUrl))]))
            .Set("comments", 0)
            .Set("closed_at", i.ClosedAt is { } c ? Time(c) : null)
            .Set("created_at", Time(i.CreatedAt))
            .Set("updated_at", Time(i.UpdatedAt))
            .Set("author_association", "CONTRIBUTOR");
        if (i.IsPullRequest)
        {
            // The issues API marks a pull request with pull_request (its four links, as in the REST reference).
            json["pull_request"] = new JsonObject
            {
                ["url"] = $"{baseUrl}repos/{Owner}/{Name}/pulls/{i.Number}",
                ["html_url"] = $"https://github.com/{Owner}/{Name}/pull/{i.Number}",
                ["diff_url"] = $"https://github.com/{Owner}/{Name}/pull/{i.Number}.diff",
                ["patch_url"] = $"https://github.com/{Owner}/{Name}/pull/{i.Number}.patch",
            };
        }

        return json;
    }

    private const string RecordedRepository = "octokit-fixture-org/add-labels-to-issue";

    private const string RecordedUser = "octokit-fixture-user-a";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
