using System.Text.Json.Nodes;
using CollabBot.Tests.Shared;

namespace CollabBot.GitHub.Tests.Support;

/// <summary>
/// GitHub's own example webhook deliveries (<c>Fixtures/github/</c>, copied from <c>octokit/webhooks</c>'
/// <c>payload-examples/api.github.com/</c>; see <c>Fixtures/README.md</c>), moved to the repository a test tracks.
/// Everything a test does not name stays as GitHub sent it.
/// </summary>
public static class GitHubDeliveries
{
    /// <summary>
    /// The captured delivery (<c>issues/opened.payload.json</c>, <c>ping/payload.json</c>…) with its repository's
    /// <c>full_name</c> replaced by <paramref name="repository"/> wherever it appears (the URLs too) and
    /// <c>repository.name</c> set to match.
    /// </summary>
    public static JsonObject Load(string fixture, string repository)
    {
        var name = "github/" + fixture;
        var captured = Fixture.Json(name).At("repository.full_name").GetValue<string>();
        return Fixture.Json(name, (captured, repository))
            .Set("repository.name", repository.Split('/')[1]);
    }

    /// <summary>
    /// Makes the delivery's issue number <paramref name="number"/> titled <paramref name="title"/> with these
    /// labels: each label is GitHub's captured label object renamed, so labels keep the shape GitHub sends.
    /// </summary>
    public static JsonObject WithIssue(this JsonObject delivery, int number, string title, params string[] labels)
    {
        var repository = delivery.At("repository.full_name").GetValue<string>();
        var captured = delivery.At("issue.labels[0]");
        var renamed = labels.Select(l => (JsonNode)Renamed(captured, repository, l)).ToArray();
        return delivery
            .Set("issue.number", number)
            .Set("issue.title", title)
            .Set("issue.html_url", $"https://github.com/{repository}/issues/{number}")
            .Set("issue.labels", new JsonArray(renamed));
    }

    /// <summary>GitHub's captured label object, renamed.</summary>
    public static JsonObject Renamed(JsonNode label, string repository, string name)
    {
        var copy = label.DeepClone().AsObject();
        copy["name"] = name;
        copy["url"] = $"https://api.github.com/repos/{repository}/labels/{Uri.EscapeDataString(name)}";
        return copy;
    }
}
