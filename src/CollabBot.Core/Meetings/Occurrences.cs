using CollabBot.Core.Domain;
using NodaTime;

namespace CollabBot.Core.Meetings;

/// <summary>One date of a series, after cancellations and moves: its original date keys agendas, changes and reminders.</summary>
public sealed record Occurrence(
    MeetingSeries Series,
    LocalDate OriginalDate,
    LocalDateTime StartLocal,
    DateTimeOffset Start,
    bool Cancelled,
    bool Moved,
    string? Note,
    string? Reason)
{
    public DateTimeOffset End => Start.AddMinutes(Series.DurationMinutes);

    public string Key => $"{Series.Id}:{MeetingTime.FormatDate(OriginalDate)}";
}

/// <summary>Expands a series into occurrences in an instant range, applying its cancellations and moves.</summary>
public static class Occurrences
{
    public static Recurrence? Rule(MeetingSeries series) =>
        series.Rule is null ? null : Recurrence.TryParse(series.Rule, out var rule, out _) ? rule : null;

    /// <summary>Occurrences (cancelled ones included, flagged) whose start lies in [from, to], in start order.</summary>
    public static IReadOnlyList<Occurrence> Between(MeetingSeries series, DateTimeOffset from, DateTimeOffset to, bool includeCancelled = false)
    {
        var start = MeetingTime.Parse(series.StartLocal);
        if (start is null || to < from)
        {
            return [];
        }

        var localFrom = MeetingTime.ToLocal(from, series.TimeZone);
        var localTo = MeetingTime.ToLocal(to, series.TimeZone);
        var changes = series.Changes.ToDictionary(c => c.OriginalDate, StringComparer.Ordinal);

        // Scheduled dates near the window, widened by the farthest move (an occurrence moved into the window)
        // and two days for zone offsets.
        var slack = Period.FromDays(2 + MaxMoveDays(series));
        var scheduled = Rule(series) is { } rule
            ? rule.Expand(start.Value, localFrom.Minus(slack), localTo.Plus(slack))
            : start.Value >= localFrom.Minus(slack) && start.Value <= localTo.Plus(slack) ? [start.Value] : [];

        var result = new List<Occurrence>();
        foreach (var local in scheduled)
        {
            var date = local.Date;
            changes.TryGetValue(MeetingTime.FormatDate(date), out var change);
            var cancelled = change?.Kind == OccurrenceChangeKind.Cancelled;
            var moved = change?.Kind == OccurrenceChangeKind.Moved && change.NewStartLocal is not null && MeetingTime.Parse(change.NewStartLocal) is not null;
            var actual = moved ? MeetingTime.Parse(change!.NewStartLocal!)!.Value : local;
            var resolved = MeetingTime.Resolve(actual, series.TimeZone);
            if (resolved.Start < from || resolved.Start > to)
            {
                continue;
            }

            if (series.EndedAt is { } ended && resolved.Start > ended)
            {
                continue;
            }

            if (cancelled && !includeCancelled)
            {
                continue;
            }

            result.Add(new Occurrence(series, date, actual, resolved.Start, cancelled, moved, resolved.Note, change?.Reason));
        }

        return [.. result.OrderBy(o => o.Start)];
    }

    private static int MaxMoveDays(MeetingSeries series)
    {
        var max = 0;
        foreach (var change in series.Changes)
        {
            if (change.Kind == OccurrenceChangeKind.Moved && change.NewStartLocal is not null
                && MeetingTime.Parse(change.NewStartLocal) is { } to && WhenParser.ParseDate(change.OriginalDate) is { } from)
            {
                max = Math.Max(max, Math.Abs(Period.Between(from, to.Date, PeriodUnits.Days).Days));
            }
        }

        return max;
    }

    /// <summary>The next <paramref name="count"/> occurrences starting at or after <paramref name="now"/> (cancelled ones only when asked, flagged).</summary>
    public static IReadOnlyList<Occurrence> Next(MeetingSeries series, DateTimeOffset now, int count, bool includeCancelled = false)
    {
        // A series that begins later is searched from its first date, however far off that is (the widening windows
        // reach about four years), less the farthest move, since a move may bring an occurrence earlier.
        var from = now;
        if (MeetingTime.Parse(series.StartLocal) is { } first
            && MeetingTime.Resolve(first, series.TimeZone).Start.AddDays(-1 - MaxMoveDays(series)) is var begins && begins > now)
        {
            from = begins;
        }

        var result = new List<Occurrence>();
        for (var span = 45; result.Count < count && span <= 45 * 32; span *= 2)
        {
            result = [.. Between(series, now, from.AddDays(span), includeCancelled)];
        }

        return [.. result.Take(count)];
    }

    /// <summary>The occurrence scheduled on <paramref name="originalDate"/> (its original date), or one moved to that date.</summary>
    public static Occurrence? OnDate(MeetingSeries series, LocalDate originalDate, bool includeCancelled = true)
    {
        var zone = MeetingTime.Zone(series.TimeZone) ?? DateTimeZone.Utc;
        var from = originalDate.PlusDays(-1).AtStartOfDayInZone(zone).ToDateTimeOffset();
        var to = originalDate.PlusDays(2).AtStartOfDayInZone(zone).ToDateTimeOffset();
        var reach = 1 + MaxMoveDays(series);
        var exact = Between(series, from.AddDays(-reach), to.AddDays(reach), includeCancelled).FirstOrDefault(o => o.OriginalDate == originalDate);
        return exact ?? Between(series, from, to, includeCancelled).FirstOrDefault(o => o.StartLocal.Date == originalDate);
    }
}
