using System.Globalization;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reports;

/// <summary>A meeting that took place in the period, with the talks on its agenda.</summary>
public sealed record HeldMeeting(Occurrence Occurrence, IReadOnlyList<HeldTalk> Talks);

public sealed record HeldTalk(string Title, int? SpeakerPersonId, string? Speaker, int Minutes);

/// <summary>The occurrences of the scope's series that started in the period (and before now), not cancelled.</summary>
public static class HeldMeetings
{
    public static async Task<IReadOnlyList<HeldMeeting>> LoadAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var series = await scope.Db.MeetingSeries.AsNoTracking().Include(s => s.Changes)
            .Where(s => scope.GroupIds.Contains(s.GroupId))
            .ToListAsync(cancellationToken);
        foreach (var s in series)
        {
            s.Group = scope.Groups.First(g => g.Id == s.GroupId);
        }

        var past = scope.Past;
        var held = series
            .SelectMany(s => past <= scope.From ? [] : Occurrences.Between(s, scope.From, past))
            .Where(o => !o.Cancelled && o.Start < past)
            .OrderBy(o => o.Start).ThenBy(o => o.Series.Id)
            .ToList();
        if (held.Count == 0)
        {
            return [];
        }

        // Original dates can lie a day either side of the period in another zone; the keys below pick the right ones.
        var ids = series.Select(s => s.Id).ToList();
        var first = MeetingTime.FormatDate(held.Min(o => o.OriginalDate).PlusDays(-1));
        var last = MeetingTime.FormatDate(held.Max(o => o.OriginalDate).PlusDays(1));
        var talks = await scope.Db.Talks.AsNoTracking()
            .Where(t => ids.Contains(t.SeriesId) && t.RemovedAt == null
                && string.Compare(t.OccurrenceDate, first) >= 0 && string.Compare(t.OccurrenceDate, last) <= 0)
            .OrderBy(t => t.AddedAt).ThenBy(t => t.Id)
            .Select(t => new { t.SeriesId, t.OccurrenceDate, t.Title, t.SpeakerPersonId, Speaker = t.SpeakerPerson != null ? t.SpeakerPerson.DisplayName : t.SpeakerName, t.Minutes })
            .ToListAsync(cancellationToken);
        var byKey = talks.ToLookup(t => string.Create(CultureInfo.InvariantCulture, $"{t.SeriesId}:{t.OccurrenceDate}"));
        return [.. held.Select(o => new HeldMeeting(o, [.. byKey[o.Key].Select(t => new HeldTalk(t.Title, t.SpeakerPersonId, t.Speaker, t.Minutes))]))];
    }
}
