using CollabBot.Core.Data;
using CollabBot.Core.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reminders;

/// <summary>
/// The checks every reminder makes when it fires, channel or personal: is it due and still worth sending, and does its
/// occurrence still take place at the time it was planned for (not cancelled, not moved, the series and group still there).
/// </summary>
internal static class DueOccurrences
{
    /// <summary><see cref="ReminderService.Outcome.NotDue"/>, <see cref="ReminderService.Outcome.TooLate"/>, or null when it should be sent now.</summary>
    public static ReminderService.Outcome? Timing(DueReminder reminder, DateTimeOffset now, TimeSpan catchUpWindow) =>
        now < reminder.DueAt - ReminderService.FireAhead ? ReminderService.Outcome.NotDue
        : now >= reminder.Start || now - reminder.DueAt > catchUpWindow ? ReminderService.Outcome.TooLate
        : null;

    /// <summary>The occurrence as it stands now (its series tracked, with group and changes), or null when it is gone or no longer starts then.</summary>
    public static async Task<Occurrence?> FindAsync(CollabBotDbContext db, DueReminder reminder, CancellationToken cancellationToken)
    {
        var series = await db.MeetingSeries.Include(s => s.Group).Include(s => s.Changes).FirstOrDefaultAsync(s => s.Id == reminder.SeriesId, cancellationToken);
        if (series is null || series.Group.IsArchived || WhenParser.ParseDate(reminder.OriginalDate) is not { } date)
        {
            return null;
        }

        var occurrence = Occurrences.OnDate(series, date, includeCancelled: true);
        return occurrence is null || occurrence.Cancelled || occurrence.Start != reminder.Start ? null : occurrence;
    }
}
