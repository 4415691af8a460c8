using CollabBot.Core.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reports;

/// <summary>A duty held at a meeting of the period: service.</summary>
public sealed record ServedTurn(int GroupId, string Duty, string Meeting, int PersonId, string Person);

/// <summary>
/// Service in the period: the duty turns fixed for meetings that were held in it (see <see cref="HeldMeetings"/>), so a
/// turn of a cancelled meeting, or of one still to come, is not service.
/// </summary>
public static class ServedTurns
{
    public static async Task<IReadOnlyList<ServedTurn>> LoadAsync(ReportScope scope, IReadOnlyList<HeldMeeting> held, CancellationToken cancellationToken)
    {
        if (held.Count == 0)
        {
            return [];
        }

        var keys = held.Select(m => m.Occurrence.Key).ToHashSet(StringComparer.Ordinal);
        var ids = held.Select(m => m.Occurrence.Series.Id).Distinct().ToList();
        // Turns are keyed, like talks, by their meeting's original date: a moved meeting keeps its turns.
        var first = MeetingTime.FormatDate(held.Min(m => m.Occurrence.OriginalDate));
        var last = MeetingTime.FormatDate(held.Max(m => m.Occurrence.OriginalDate));
        var turns = await scope.Db.DutyTurns.AsNoTracking()
            .Where(t => ids.Contains(t.Duty.SeriesId) && string.Compare(t.OccurrenceDate, first) >= 0 && string.Compare(t.OccurrenceDate, last) <= 0)
            .OrderBy(t => t.Start).ThenBy(t => t.Id)
            .Select(t => new { t.Duty.SeriesId, t.Duty.Series.GroupId, t.OccurrenceDate, Duty = t.Duty.Name, Meeting = t.Duty.Series.Title, t.PersonId, Person = t.Person.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. turns.Where(t => keys.Contains($"{t.SeriesId}:{t.OccurrenceDate}")).Select(t => new ServedTurn(t.GroupId, t.Duty, t.Meeting, t.PersonId, t.Person))];
    }
}
