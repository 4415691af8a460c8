using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>
/// What one occurrence has besides its talks: its theme (a scheduled topic idea). Shared by /meeting agenda and info,
/// reminders and the dashboard, so each shows the same.
/// </summary>
public static class OccurrenceDetails
{
    /// <summary>The topic idea scheduled as the occurrence's theme, if any.</summary>
    public static Task<TopicIdea?> ThemeAsync(CollabBotDbContext db, MeetingSeries series, LocalDateKey date, CancellationToken cancellationToken) =>
        db.TopicIdeas.AsNoTracking().Include(t => t.SuggestedBy)
            .FirstOrDefaultAsync(t => t.SeriesId == series.Id && t.OccurrenceDate == date.Value && t.Status == TopicIdeaStatus.Scheduled, cancellationToken);

    /// <summary>"Theme: #7 Graph networks for tracking (suggested by Amara Okafor)", or nothing.</summary>
    public static async Task<IReadOnlyList<Line>> LinesAsync(CollabBotDbContext db, Occurrence occurrence, CancellationToken cancellationToken)
    {
        var lines = new List<Line>();
        if (await ThemeAsync(db, occurrence.Series, LocalDateKey.Of(occurrence), cancellationToken) is { } theme)
        {
            lines.Add(Line.Of(new Text($"Theme: #{theme.Id} "), new Strong(theme.Title), new Text($" (suggested by {theme.SuggestedBy.DisplayName})")));
        }

        return lines;
    }
}

/// <summary>An occurrence's key date, "yyyy-MM-dd" (its original date), as agendas, themes, RSVPs and minutes store it.</summary>
public readonly record struct LocalDateKey(string Value)
{
    public static LocalDateKey Of(Occurrence occurrence) => new(MeetingTime.FormatDate(occurrence.OriginalDate));
}
