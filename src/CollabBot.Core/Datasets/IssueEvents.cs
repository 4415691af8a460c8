using System.Globalization;
using System.Text.Json;
using CollabBot.Core.Domain;
using CollabBot.Core.Ports;
using CollabBot.Core.Replies;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Datasets;

public enum IssueAction
{
    Opened,
    Closed,
    Reopened,
    Labeled,
    Commented,
}

public sealed record IssueComment(string? Author, string Body, string Url, DateTimeOffset CreatedAt);

/// <summary>
/// Something that happened to an issue, however it was learnt (a webhook delivery or a poll): platform-neutral,
/// so both paths post the same message and share one de-duplication key.
/// </summary>
public sealed record IssueEvent(IssueAction Action, IssueInfo Issue, string? Actor, string? AddedLabel = null, IssueComment? Comment = null)
{
    /// <summary>The instant that identifies this event for the issue, the same whether a webhook or a poll reports it.</summary>
    public DateTimeOffset At => Action switch
    {
        IssueAction.Opened => Issue.CreatedAt,
        IssueAction.Closed => Issue.ClosedAt ?? Issue.UpdatedAt,
        IssueAction.Commented => Comment?.CreatedAt ?? Issue.UpdatedAt,
        _ => Issue.UpdatedAt,
    };

    /// <summary>Unique per (dataset, issue, event, channel): a second report of the same event adds nothing to the outbox.</summary>
    public string DedupeKey(int datasetId, int trackingId) =>
        string.Create(CultureInfo.InvariantCulture, $"github:{datasetId}:{Issue.Number}:{Action.ToString().ToLowerInvariant()}:{At.UtcTicks}:{AddedLabel}:{trackingId}");

    /// <summary>What a tracking channel reads. Titles and comments are user text: kept as text, escaped by each renderer.</summary>
    public Reply Message(Dataset dataset)
    {
        var link = new Link(Issue.Url, $"#{Issue.Number} {Clip(Issue.Title, 200)}");
        var by = Actor is null ? "" : $" by {Actor}";
        var b = new ReplyBuilder($"{dataset.Slug}: " + Action switch
        {
            IssueAction.Opened => "issue opened",
            IssueAction.Closed => "issue closed",
            IssueAction.Reopened => "issue reopened",
            IssueAction.Labeled => "issue labelled",
            _ => "new comment",
        });
        switch (Action)
        {
            case IssueAction.Commented:
                b.Line(Line.Of(new Text($"{Comment?.Author ?? Actor ?? "Someone"} commented on "), link));
                if (Comment is not null)
                {
                    b.Line(Clip(OneLine(Comment.Body), 300));
                    b.Line(Line.Of(new Link(Comment.Url, "Read the comment on GitHub")));
                }

                break;
            case IssueAction.Labeled:
                b.Line(Line.Of(link, new Text($" was labelled {AddedLabel}{by}.")));
                break;
            case IssueAction.Closed:
                b.Line(Line.Of(link, new Text($" was closed{by}" + (Issue.StateReason is "not_planned" ? " as not planned." : "."))));
                break;
            default:
                b.Line(Line.Of(link, new Text($" was {Action.ToString().ToLowerInvariant()}{by}.")));
                break;
        }

        var versions = Issue.Labels.Where(l => l.StartsWith("version:", StringComparison.Ordinal)).ToList();
        if (versions.Count > 0 && Action is IssueAction.Opened)
        {
            b.Field("About", string.Join(", ", versions.Select(v => v["version:".Length..])));
        }

        return b.Build();
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>The issue states a dataset's polling (and webhooks) last saw, stored as JSON in <see cref="GitHubPollState.IssueStates"/>.</summary>
public static class IssueStates
{
    public static Dictionary<int, IssueState> Read(string json)
    {
        var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(string.IsNullOrWhiteSpace(json) ? "{}" : json) ?? [];
        return raw.Where(kv => int.TryParse(kv.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .ToDictionary(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture), kv => kv.Value == "closed" ? IssueState.Closed : IssueState.Open);
    }

    public static string Write(Dictionary<int, IssueState> states) =>
        JsonSerializer.Serialize(states.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value == IssueState.Closed ? "closed" : "open"));
}
