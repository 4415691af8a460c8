using System.Globalization;
using System.Text.Json.Nodes;

namespace CollabBot.GitHub.Tests.Fakes;

/// <summary>
/// Webhook bodies with the shape GitHub documents for <c>issues</c>, <c>issue_comment</c> and <c>ping</c>
/// (action, issue, repository, sender; comment; zen, hook_id, hook), written here field by field.
/// </summary>
public static class WebhookPayloads
{
    public static string Issues(string action, string repository, int number, string title, string[] labels, string state = "open", string sender = "octocat", string? addedLabel = null, DateTimeOffset? at = null)
    {
        var json = new JsonObject
        {
            ["action"] = action,
            ["issue"] = Issue(repository, number, title, labels, state, sender, at ?? new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)),
            ["repository"] = Repository(repository),
            ["sender"] = User(sender),
        };
        if (addedLabel is not null)
        {
            json["label"] = Label(repository, addedLabel);
        }

        return json.ToJsonString();
    }

    public static string CommentCreated(string repository, int number, string title, string[] labels, string body, string commenter = "hubot", bool onPullRequest = false)
    {
        var at = new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);
        var issue = Issue(repository, number, title, labels, "open", "octocat", at);
        if (onPullRequest)
        {
            issue["pull_request"] = new JsonObject
            {
                ["url"] = $"https://api.github.com/repos/{repository}/pulls/{number}",
                ["html_url"] = $"https://github.com/{repository}/pull/{number}",
                ["diff_url"] = $"https://github.com/{repository}/pull/{number}.diff",
                ["patch_url"] = $"https://github.com/{repository}/pull/{number}.patch",
            };
        }

        return new JsonObject
        {
            ["action"] = "created",
            ["issue"] = issue,
            ["comment"] = new JsonObject
            {
                ["url"] = $"https://api.github.com/repos/{repository}/issues/comments/555",
                ["html_url"] = $"https://github.com/{repository}/issues/{number}#issuecomment-555",
                ["issue_url"] = $"https://api.github.com/repos/{repository}/issues/{number}",
                ["id"] = 555,
                ["node_id"] = "MDEyOklzc3VlQ29tbWVudDU1NQ==",
                ["user"] = User(commenter),
                ["created_at"] = Time(at),
                ["updated_at"] = Time(at),
                ["author_association"] = "MEMBER",
                ["body"] = body,
                ["reactions"] = Reactions($"https://api.github.com/repos/{repository}/issues/comments/555/reactions"),
                ["performed_via_github_app"] = null,
            },
            ["repository"] = Repository(repository),
            ["sender"] = User(commenter),
        }.ToJsonString();
    }

    public static string Ping(string repository) => new JsonObject
    {
        ["zen"] = "Keep it logically awesome.",
        ["hook_id"] = 30,
        ["hook"] = new JsonObject
        {
            ["type"] = "Repository",
            ["id"] = 30,
            ["name"] = "web",
            ["active"] = true,
            ["events"] = new JsonArray("issues", "issue_comment"),
            ["config"] = new JsonObject { ["content_type"] = "json", ["insecure_ssl"] = "0", ["url"] = "https://collabbot.example.org/github/webhooks" },
            ["updated_at"] = "2026-11-25T09:00:00Z",
            ["created_at"] = "2026-11-25T09:00:00Z",
            ["url"] = $"https://api.github.com/repos/{repository}/hooks/30",
            ["test_url"] = $"https://api.github.com/repos/{repository}/hooks/30/test",
            ["ping_url"] = $"https://api.github.com/repos/{repository}/hooks/30/pings",
            ["deliveries_url"] = $"https://api.github.com/repos/{repository}/hooks/30/deliveries",
            ["last_response"] = new JsonObject { ["code"] = null, ["status"] = "unused", ["message"] = null },
        },
        ["repository"] = Repository(repository),
        ["sender"] = User("octocat"),
    }.ToJsonString();

    private static JsonObject Issue(string repository, int number, string title, string[] labels, string state, string user, DateTimeOffset at)
    {
        var api = $"https://api.github.com/repos/{repository}/issues/{number}";
        return new JsonObject
        {
            ["url"] = api,
            ["repository_url"] = $"https://api.github.com/repos/{repository}",
            ["labels_url"] = api + "/labels{/name}",
            ["comments_url"] = api + "/comments",
            ["events_url"] = api + "/events",
            ["html_url"] = $"https://github.com/{repository}/issues/{number}",
            ["id"] = 444500041 + number,
            ["node_id"] = "MDU6SXNzdWU0NDQ1MDAwNDE=",
            ["number"] = number,
            ["title"] = title,
            ["user"] = User(user),
            ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)Label(repository, l))]),
            ["state"] = state,
            ["locked"] = false,
            ["assignee"] = null,
            ["assignees"] = new JsonArray(),
            ["milestone"] = null,
            ["comments"] = 0,
            ["created_at"] = Time(at),
            ["updated_at"] = Time(at),
            ["closed_at"] = state == "closed" ? Time(at) : null,
            ["author_association"] = "OWNER",
            ["active_lock_reason"] = null,
            ["body"] = "Steps to reproduce…",
            ["reactions"] = Reactions(api + "/reactions"),
            ["timeline_url"] = api + "/timeline",
            ["performed_via_github_app"] = null,
            ["state_reason"] = state == "closed" ? "completed" : null,
        };
    }

    private static JsonObject Label(string repository, string name) => new()
    {
        ["id"] = 1362934389,
        ["node_id"] = "MDU6TGFiZWwxMzYyOTM0Mzg5",
        ["url"] = $"https://api.github.com/repos/{repository}/labels/{Uri.EscapeDataString(name)}",
        ["name"] = name,
        ["color"] = "ededed",
        ["default"] = false,
        ["description"] = null,
    };

    private static JsonObject Reactions(string url) => new()
    {
        ["url"] = url,
        ["total_count"] = 0,
        ["+1"] = 0,
        ["-1"] = 0,
        ["laugh"] = 0,
        ["hooray"] = 0,
        ["confused"] = 0,
        ["heart"] = 0,
        ["rocket"] = 0,
        ["eyes"] = 0,
    };

    private static JsonObject Repository(string fullName)
    {
        var (owner, name) = (fullName.Split('/')[0], fullName.Split('/')[1]);
        var api = $"https://api.github.com/repos/{fullName}";
        var repo = new JsonObject
        {
            ["id"] = 186853002,
            ["node_id"] = "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=",
            ["name"] = name,
            ["full_name"] = fullName,
            ["private"] = false,
            ["owner"] = User(owner),
            ["html_url"] = $"https://github.com/{fullName}",
            ["description"] = null,
            ["fork"] = false,
            ["url"] = api,
            ["created_at"] = "2019-05-15T15:19:25Z",
            ["updated_at"] = "2019-05-15T15:21:03Z",
            ["pushed_at"] = "2019-05-15T15:20:57Z",
            ["git_url"] = $"git://github.com/{fullName}.git",
            ["ssh_url"] = $"git@github.com:{fullName}.git",
            ["clone_url"] = $"https://github.com/{fullName}.git",
            ["svn_url"] = $"https://github.com/{fullName}",
            ["homepage"] = null,
            ["size"] = 0,
            ["stargazers_count"] = 0,
            ["watchers_count"] = 0,
            ["language"] = "Python",
            ["has_issues"] = true,
            ["has_projects"] = true,
            ["has_downloads"] = true,
            ["has_wiki"] = true,
            ["has_pages"] = false,
            ["forks_count"] = 0,
            ["mirror_url"] = null,
            ["archived"] = false,
            ["disabled"] = false,
            ["open_issues_count"] = 1,
            ["license"] = null,
            ["forks"] = 0,
            ["open_issues"] = 1,
            ["watchers"] = 0,
            ["default_branch"] = "main",
        };
        foreach (var key in new[] { "forks", "keys", "collaborators", "teams", "hooks", "issue_events", "events", "assignees", "branches", "tags", "blobs", "git_tags", "git_refs", "trees", "statuses", "languages", "stargazers", "contributors", "subscribers", "subscription", "commits", "git_commits", "comments", "issue_comment", "contents", "compare", "merges", "archive", "downloads", "issues", "pulls", "milestones", "notifications", "labels", "releases", "deployments" })
        {
            repo[key + "_url"] = api + "/" + key.Replace('_', '/');
        }

        return repo;
    }

    private static JsonObject User(string login) => new()
    {
        ["login"] = login,
        ["id"] = 21031067 + login.Length,
        ["node_id"] = "MDQ6VXNlcjIxMDMxMDY3",
        ["avatar_url"] = "https://avatars1.githubusercontent.com/u/21031067?v=4",
        ["gravatar_id"] = "",
        ["url"] = $"https://api.github.com/users/{login}",
        ["html_url"] = $"https://github.com/{login}",
        ["followers_url"] = $"https://api.github.com/users/{login}/followers",
        ["following_url"] = $"https://api.github.com/users/{login}/following{{/other_user}}",
        ["gists_url"] = $"https://api.github.com/users/{login}/gists{{/gist_id}}",
        ["starred_url"] = $"https://api.github.com/users/{login}/starred{{/owner}}{{/repo}}",
        ["subscriptions_url"] = $"https://api.github.com/users/{login}/subscriptions",
        ["organizations_url"] = $"https://api.github.com/users/{login}/orgs",
        ["repos_url"] = $"https://api.github.com/users/{login}/repos",
        ["events_url"] = $"https://api.github.com/users/{login}/events{{/privacy}}",
        ["received_events_url"] = $"https://api.github.com/users/{login}/received_events",
        ["type"] = "User",
        ["site_admin"] = false,
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
