using System.Globalization;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using NodaTime;

namespace CollabBot.Core.Digests;

/// <summary>One digest owed: a group, when it falls due, and the period it covers (both days included).</summary>
public sealed record DigestDue(int GroupId, DateTimeOffset DueAt, DateOnly Since, DateOnly Until)
{
    /// <summary>Stable across restarts and instances: the outbox keeps one message per channel under it.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"digest:{GroupId}:{Since:yyyy-MM-dd}:{Until:yyyy-MM-dd}");
}

/// <summary>
/// A group's digest schedule as rules: monthly (default) on a day of the month or the first working day (Monday to
/// Friday), covering the month before; weekly on a day of the week, covering the seven days before; at a time in the
/// group's zone.
/// </summary>
public sealed record DigestPlan(DigestEvery Every, int? Day, LocalTime Time)
{
    public static readonly DigestPlan Default = new(DigestEvery.Month, null, new LocalTime(9, 0));

    public static readonly IReadOnlyList<string> WeekDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static DigestPlan Of(DigestSchedule? schedule) =>
        schedule is null ? Default
        : new DigestPlan(schedule.Every, schedule.Day, ParseTime(schedule.Time) ?? Default.Time);

    public static LocalTime? ParseTime(string text) =>
        text.Length == 5 && text[2] == ':' && int.TryParse(text[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
        && int.TryParse(text[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && h < 24 && m < 60
            ? new LocalTime(h, m)
            : null;

    public string Describe(string zoneId) => Every switch
    {
        DigestEvery.Off => "off",
        DigestEvery.Week => $"weekly on {WeekDays[(Day ?? 1) - 1]} at {Time:HH:mm} {zoneId}, covering the seven days before",
        _ => $"monthly on {(Day is { } d ? $"day {d}" : "the first working day")} at {Time:HH:mm} {zoneId}, covering the month before",
    };

    /// <summary>The most recent digest due at or before <paramref name="now"/>; null when digests are off.</summary>
    public DigestDue? Latest(int groupId, string zoneId, DateTimeOffset now) =>
        Candidates(groupId, zoneId, now).Where(d => d.DueAt <= now).MaxBy(d => d.DueAt);

    /// <summary>The next digest due after <paramref name="now"/>; null when digests are off.</summary>
    public DigestDue? Next(int groupId, string zoneId, DateTimeOffset now) =>
        Candidates(groupId, zoneId, now).Where(d => d.DueAt > now).MinBy(d => d.DueAt);

    /// <summary>Due dates around now: this, the last and the next month (or week).</summary>
    private IEnumerable<DigestDue> Candidates(int groupId, string zoneId, DateTimeOffset now)
    {
        var zone = MeetingTime.Zone(zoneId) ?? DateTimeZone.Utc;
        var today = Instant.FromDateTimeOffset(now).InZone(zone).Date;
        if (Every == DigestEvery.Month)
        {
            for (var k = -1; k <= 1; k++)
            {
                var month = today.With(DateAdjusters.StartOfMonth).PlusMonths(k);
                var date = Day is { } d ? month.PlusDays(d - 1) : FirstWorkingDay(month);
                var previous = month.PlusMonths(-1);
                yield return Due(groupId, zone, date, previous, month.PlusDays(-1));
            }
        }
        else if (Every == DigestEvery.Week)
        {
            var weekday = (IsoDayOfWeek)(Day ?? 1);
            var date = today.With(DateAdjusters.PreviousOrSame(weekday));
            for (var k = -1; k <= 1; k++)
            {
                var due = date.PlusWeeks(k);
                yield return Due(groupId, zone, due, due.PlusDays(-7), due.PlusDays(-1));
            }
        }
    }

    private DigestDue Due(int groupId, DateTimeZone zone, LocalDate date, LocalDate since, LocalDate until) =>
        new(groupId, zone.AtLeniently(date + Time).ToDateTimeOffset().ToUniversalTime(), ToDateOnly(since), ToDateOnly(until));

    private static LocalDate FirstWorkingDay(LocalDate month)
    {
        var day = month;
        while (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            day = day.PlusDays(1);
        }

        return day;
    }

    private static DateOnly ToDateOnly(LocalDate date) => new(date.Year, date.Month, date.Day);
}
