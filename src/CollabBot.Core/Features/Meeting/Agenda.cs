using CollabBot.Core.Commands;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>An occurrence's agenda as reply lines; used by info, agenda and reminders.</summary>
internal static class Agenda
{
    public static async Task<IReadOnlyList<Line>> LinesAsync(CommandContext context, Occurrence occurrence, CancellationToken cancellationToken)
    {
        var date = MeetingTime.FormatDate(occurrence.OriginalDate);
        var talks = await context.Db.Talks.AsNoTracking()
            .Where(t => t.SeriesId == occurrence.Series.Id && t.OccurrenceDate == date && t.RemovedAt == null)
            .OrderBy(t => t.AddedAt).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Title, t.Minutes, t.Link, Speaker = t.SpeakerPerson != null ? t.SpeakerPerson.DisplayName : t.SpeakerName })
            .ToListAsync(cancellationToken);
        return [.. talks.Select(t =>
        {
            var parts = new List<Inline> { new Text($"{t.Id}. "), new Strong(t.Title), new Text($" — {t.Speaker ?? "speaker to be announced"} ({t.Minutes} min)") };
            if (t.Link is not null)
            {
                parts.Add(new Text(" "));
                parts.Add(new Link(t.Link, "slides"));
            }

            return new Line(parts);
        })];
    }
}
