using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>
/// Who holds each duty at each occurrence since the duty was named: turns fixed (announced by a reminder, or taken in
/// an accepted swap) stay; the rest follow <see cref="Rotation"/> from the turns before them and the volunteers who had
/// joined by then. Because a past occurrence's holder depends only on what came before it, a turn that has passed is
/// served without anything having to write it down, and a later volunteer never rewrites the past. Shared by
/// /meeting duty, the minute-taker's permission, reminders (which fix the turn they announce) and the profile's service.
/// </summary>
public static class Duties
{
    /// <summary>The duty whose holder at an occurrence may record its minutes (<c>who: minute-taker</c>).</summary>
    public const string Minutes = "minutes";

    public sealed record Turn(MeetingDuty Duty, Occurrence Occurrence, Person? Person, bool Fixed);

    /// <summary>Duties of a series with volunteers (in order) and turns (in date order), people loaded.</summary>
    public static Task<List<MeetingDuty>> OfAsync(CollabBotDbContext db, int seriesId, CancellationToken cancellationToken) =>
        Query(db).Where(d => d.SeriesId == seriesId).OrderBy(d => d.Id).ToListAsync(cancellationToken);

    private static IQueryable<MeetingDuty> Query(CollabBotDbContext db) =>
        db.MeetingDuties
            .Include(d => d.Volunteers.OrderBy(v => v.At).ThenBy(v => v.Id)).ThenInclude(v => v.Person)
            .Include(d => d.Turns.OrderBy(t => t.Start).ThenBy(t => t.Id)).ThenInclude(t => t.Person);

    /// <summary>The holder at every (not cancelled) occurrence that starts from the duty's naming up to <paramref name="until"/>, in start order.</summary>
    public static IReadOnlyList<Turn> Timeline(MeetingDuty duty, MeetingSeries series, DateTimeOffset until)
    {
        var fixedByDate = duty.Turns.ToDictionary(t => t.OccurrenceDate, StringComparer.Ordinal);
        var volunteers = duty.Volunteers.Select(v => v.PersonId).ToList();
        var people = duty.Volunteers.Select(v => v.Person).Concat(duty.Turns.Select(t => t.Person)).DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        var from = duty.Turns.Count > 0 && duty.Turns.Min(t => t.Start) < duty.CreatedAt ? duty.Turns.Min(t => t.Start) : duty.CreatedAt;
        var served = new List<int>();
        var result = new List<Turn>();
        foreach (var occurrence in Occurrences.Between(series, from, until))
        {
            if (fixedByDate.TryGetValue(MeetingTime.FormatDate(occurrence.OriginalDate), out var turn))
            {
                result.Add(new Turn(duty, occurrence, turn.Person, true));
                served.Add(turn.PersonId);
                continue;
            }

            // Who had not volunteered yet when it started cannot have held it.
            var notYet = duty.Volunteers.Where(v => v.At > occurrence.Start).Select(v => v.PersonId).ToHashSet();
            var chosen = Rotation.Plan(volunteers, served, [notYet])[0];
            result.Add(new Turn(duty, occurrence, chosen is { } id ? people[id] : null, false));
            if (chosen is { } c)
            {
                served.Add(c);
            }
        }

        return result;
    }

    /// <summary>The holder at the next <paramref name="count"/> occurrences from <paramref name="now"/>.</summary>
    public static IReadOnlyList<Turn> Coming(MeetingDuty duty, MeetingSeries series, DateTimeOffset now, int count) =>
        Occurrences.Next(series, now, count) is { Count: > 0 } next
            ? [.. Timeline(duty, series, next[^1].Start).Where(t => t.Occurrence.Start >= now)]
            : [];

    /// <summary>The holder of the duty at one occurrence (null when the duty did not exist yet or had nobody).</summary>
    public static Turn? At(MeetingDuty duty, Occurrence occurrence) =>
        Timeline(duty, occurrence.Series, occurrence.Start).LastOrDefault(t => t.Occurrence.OriginalDate == occurrence.OriginalDate);

    /// <summary>Whether the person holds the named duty of the series at the occurrence.</summary>
    public static async Task<bool> HoldsAsync(CollabBotDbContext db, Occurrence occurrence, string dutyName, int personId, CancellationToken cancellationToken)
    {
        var duty = await Query(db).AsNoTracking().FirstOrDefaultAsync(d => d.SeriesId == occurrence.Series.Id && d.Name == dutyName, cancellationToken);
        return duty is not null && At(duty, occurrence)?.Person?.Id == personId;
    }

    /// <summary>Fixes (and returns) who holds each duty at an occurrence, once; for the reminder that announces it.</summary>
    public static async Task<IReadOnlyList<Turn>> FixAsync(CollabBotDbContext db, Occurrence occurrence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var turns = new List<Turn>();
        foreach (var duty in await OfAsync(db, occurrence.Series.Id, cancellationToken))
        {
            if (At(duty, occurrence) is not { } turn)
            {
                continue;
            }

            if (!turn.Fixed && turn.Person is { } person)
            {
                Fix(duty, occurrence, person, now);
            }

            turns.Add(turn);
        }

        return turns;
    }

    /// <summary>Makes <paramref name="person"/> the holder at the occurrence: a new fixed turn, or the fixed one handed over.</summary>
    public static void Fix(MeetingDuty duty, Occurrence occurrence, Person person, DateTimeOffset now)
    {
        var date = MeetingTime.FormatDate(occurrence.OriginalDate);
        if (duty.Turns.FirstOrDefault(t => t.OccurrenceDate == date) is { } existing)
        {
            existing.PersonId = person.Id;
            existing.Person = person;
            existing.Start = occurrence.Start;
            existing.At = now;
            return;
        }

        duty.Turns.Add(new DutyTurn { Duty = duty, OccurrenceDate = date, Start = occurrence.Start, PersonId = person.Id, Person = person, At = now });
    }

    /// <summary>Turns served (occurrences that have started) by each person, per duty.</summary>
    public static IReadOnlyDictionary<int, int> Served(MeetingDuty duty, MeetingSeries series, DateTimeOffset now) =>
        Timeline(duty, series, now).Where(t => t.Person is not null).GroupBy(t => t.Person!.Id).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>"chair 2, minutes 1": a person's served turns (occurrences that have started), by duty, for their profile.</summary>
    public static async Task<string?> ServiceAsync(CollabBotDbContext db, int personId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var duties = await Query(db).AsNoTracking().Include(d => d.Series).ThenInclude(s => s.Changes)
            .Where(d => d.Volunteers.Any(v => v.PersonId == personId) || d.Turns.Any(t => t.PersonId == personId))
            .ToListAsync(cancellationToken);
        var served = duties
            .Select(d => (d.Name, Count: Served(d, d.Series, now).GetValueOrDefault(personId)))
            .Where(s => s.Count > 0)
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Count: g.Sum(s => s.Count)))
            .ToList();
        return served.Count == 0 ? null : string.Join(", ", served.OrderByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s => $"{s.Name} {s.Count}"));
    }
}
