using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>
/// Who holds each duty at the coming occurrences: turns already fixed stay; the rest follow <see cref="Rotation"/>
/// from the turns fixed so far and the volunteers. Shared by /meeting duty list and reminders (which fix the turn
/// they announce).
/// </summary>
public static class Duties
{
    public sealed record Turn(MeetingDuty Duty, Occurrence Occurrence, Person? Person, bool Fixed);

    /// <summary>Duties of a series with volunteers (in order) and turns (in date order), people loaded.</summary>
    public static Task<List<MeetingDuty>> OfAsync(CollabBotDbContext db, int seriesId, CancellationToken cancellationToken) =>
        db.MeetingDuties
            .Include(d => d.Volunteers.OrderBy(v => v.At).ThenBy(v => v.Id)).ThenInclude(v => v.Person)
            .Include(d => d.Turns.OrderBy(t => t.Start).ThenBy(t => t.Id)).ThenInclude(t => t.Person)
            .Where(d => d.SeriesId == seriesId)
            .OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The holder of the duty at each of the given coming occurrences (in start order).</summary>
    public static IReadOnlyList<Turn> Plan(MeetingDuty duty, IReadOnlyList<Occurrence> coming)
    {
        var fixedByDate = duty.Turns.ToDictionary(t => t.OccurrenceDate, StringComparer.Ordinal);
        var volunteers = duty.Volunteers.Select(v => v.PersonId).ToList();
        var people = duty.Volunteers.Select(v => v.Person).Concat(duty.Turns.Select(t => t.Person)).DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        var served = duty.Turns.Where(t => !coming.Any(o => MeetingTime.FormatDate(o.OriginalDate) == t.OccurrenceDate)).Select(t => t.PersonId).ToList();

        var result = new List<Turn>();
        foreach (var occurrence in coming)
        {
            var date = MeetingTime.FormatDate(occurrence.OriginalDate);
            if (fixedByDate.TryGetValue(date, out var turn))
            {
                result.Add(new Turn(duty, occurrence, turn.Person, true));
                served.Add(turn.PersonId);
                continue;
            }

            var chosen = Rotation.Plan(volunteers, served, [new HashSet<int>()])[0];
            result.Add(new Turn(duty, occurrence, chosen is { } id ? people[id] : null, false));
            if (chosen is { } c)
            {
                served.Add(c);
            }
        }

        return result;
    }

    /// <summary>Fixes (and returns) who holds each duty at an occurrence, once; for the reminder that announces it.</summary>
    public static async Task<IReadOnlyList<Turn>> FixAsync(CollabBotDbContext db, Occurrence occurrence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var turns = new List<Turn>();
        foreach (var duty in await OfAsync(db, occurrence.Series.Id, cancellationToken))
        {
            var turn = Plan(duty, [occurrence])[0];
            if (!turn.Fixed && turn.Person is { } person)
            {
                duty.Turns.Add(new DutyTurn { Duty = duty, OccurrenceDate = MeetingTime.FormatDate(occurrence.OriginalDate), Start = occurrence.Start, PersonId = person.Id, Person = person, At = now });
            }

            turns.Add(turn);
        }

        return turns;
    }

    /// <summary>"chair 2, minutes 1": a person's served turns (occurrences that have started), by duty, for their profile.</summary>
    public static async Task<string?> ServiceAsync(CollabBotDbContext db, int personId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var served = await db.DutyTurns.AsNoTracking()
            .Where(t => t.PersonId == personId && t.Start <= now)
            .GroupBy(t => t.Duty.Name)
            .Select(g => new { Name = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return served.Count == 0 ? null : string.Join(", ", served.OrderByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s => $"{s.Name} {s.Count}"));
    }
}
