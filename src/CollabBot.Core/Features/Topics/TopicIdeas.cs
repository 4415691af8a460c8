using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Topics;

/// <summary>How topic ideas are named, counted, ranked and shown; shared by the /topic handlers, agendas and the dashboard.</summary>
public static class TopicIdeas
{
    public static string Label(TopicIdea idea) => $"#{idea.Id}";

    public static int VoteCount(TopicIdea idea) => idea.Votes.Count(v => v.WithdrawnAt == null);

    public static string Votes(int count) => count == 1 ? "1 vote" : $"{count} votes";

    /// <summary>A group's open ideas, most votes first, then the oldest, then the lowest number.</summary>
    public static async Task<IReadOnlyList<RankedIdea>> OpenAsync(CollabBotDbContext db, int groupId, CancellationToken cancellationToken)
    {
        var ideas = await db.TopicIdeas.AsNoTracking()
            .Where(t => t.GroupId == groupId && t.Status == TopicIdeaStatus.Open)
            .Select(t => new RankedIdea(
                t.Id,
                t.Title,
                t.Note,
                t.SpeakerPerson != null ? t.SpeakerPerson.DisplayName : t.SpeakerName,
                t.SuggestedBy.DisplayName,
                t.SuggestedAt,
                t.Votes.Count(v => v.WithdrawnAt == null)))
            .ToListAsync(cancellationToken);
        return [.. ideas.OrderByDescending(i => i.Votes).ThenBy(i => i.SuggestedAt).ThenBy(i => i.Id)];
    }

    /// <summary>"#7 Graph networks for tracking — 3 votes · suggested by Amara Okafor, 2026-11-20 · speaker: Sofia Lindqvist".</summary>
    public static Line Describe(RankedIdea idea)
    {
        var parts = new List<Inline>
        {
            new Text($"#{idea.Id} "),
            new Strong(idea.Title),
            new Text($" — {Votes(idea.Votes)} · suggested by {idea.SuggestedBy}, {idea.SuggestedAt:yyyy-MM-dd}"),
        };
        if (idea.Speaker is not null)
        {
            parts.Add(new Text($" · speaker: {idea.Speaker}"));
        }

        return new Line(parts);
    }

    /// <summary>The vote button: it answers the person who presses it and leaves the message as it is.</summary>
    public static ReplyAction VoteButton(int id) => new($"Vote #{id}", $"/topic vote #{id}", Primary: true, KeepsMessage: true);
}

/// <summary>An open idea with its vote count, as lists show it.</summary>
public sealed record RankedIdea(int Id, string Title, string? Note, string? Speaker, string SuggestedBy, DateTimeOffset SuggestedAt, int Votes);
