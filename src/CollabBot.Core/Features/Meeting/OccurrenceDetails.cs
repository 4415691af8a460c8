using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>
/// What one occurrence has besides its talks: its theme (a scheduled topic idea) and who comes. Shared by /meeting agenda and info,
/// reminders and the dashboard, so each shows the same.
/// </summary>
public static class OccurrenceDetails
{
    /// <summary>The topic idea scheduled as the occurrence's theme, if any.</summary>
    public static Task<TopicIdea?> ThemeAsync(CollabBotDbContext db, MeetingSeries series, LocalDateKey date, CancellationToken cancellationToken) =>
        db.TopicIdeas.AsNoTracking().Include(t => t.SuggestedBy)
            .FirstOrDefaultAsync(t => t.SeriesId == series.Id && t.OccurrenceDate == date.Value && t.Status == TopicIdeaStatus.Scheduled, cancellationToken);

    /// <summary>
    /// "Theme: #7 Graph networks for tracking (suggested by Amara Okafor)", then the RSVP counts (with names when
    /// <paramref name="withNames"/>: a convener asking).
    /// </summary>
    public static async Task<IReadOnlyList<Line>> LinesAsync(CollabBotDbContext db, Occurrence occurrence, bool withNames, CancellationToken cancellationToken)
    {
        var lines = new List<Line>();
        var date = LocalDateKey.Of(occurrence);
        if (occurrence.Series.AlternateKinds is not null)
        {
            lines.Add($"Kind: {MeetingKinds.Of(occurrence)} meeting");
        }

        if (await ThemeAsync(db, occurrence.Series, date, cancellationToken) is { } theme)
        {
            lines.Add(Line.Of(new Text($"Theme: #{theme.Id} "), new Strong(theme.Title), new Text($" (suggested by {theme.SuggestedBy.DisplayName})")));
        }

        if (await MeetingNotes.LineAsync(db, occurrence.Series.Id, date.Value, cancellationToken) is { } minutes)
        {
            lines.Add(minutes);
        }

        if (!occurrence.Cancelled)
        {
            lines.AddRange(Rsvps.Lines(await Rsvps.CountsAsync(db, occurrence.Series.Id, date.Value, cancellationToken), withNames));
        }

        return lines;
    }
}

/// <summary>An occurrence's key date, "yyyy-MM-dd" (its original date), as agendas, themes, RSVPs and minutes store it.</summary>
public readonly record struct LocalDateKey(string Value)
{
    public static LocalDateKey Of(Occurrence occurrence) => new(MeetingTime.FormatDate(occurrence.OriginalDate));
}
