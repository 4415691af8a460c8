using System.Globalization;
using NodaTime;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Meetings;

/// <summary>
/// The RFC 5545 recurrence rules CollabBot expands itself: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL,
/// COUNT, UNTIL, BYDAY (with ordinals such as 2TU or -1FR for monthly and yearly), BYMONTHDAY and BYMONTH.
/// Other parts are refused with a sentence that lists what is supported, rather than half-honoured.
/// Expansion happens in the series' wall-clock time; instants come later, through <see cref="MeetingTime"/>.
/// </summary>
public sealed record Recurrence(
    Frequency Frequency,
    int Interval,
    int? Count,
    LocalDateTime? Until,
    IReadOnlyList<(int Ordinal, IsoDayOfWeek Day)> ByDay,
    IReadOnlyList<int> ByMonthDay,
    IReadOnlyList<int> ByMonth)
{
    public const string Supported = "FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, WKST";

    private static readonly string[] DayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    /// <summary>Safety bound: no series is expanded past this many candidate periods in one call.</summary>
    private const int MaxPeriods = 100_000;

    public static bool TryParse(string text, out Recurrence? rule, out string error)
    {
        rule = null;
        var body = text.Trim();
        if (body.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            body = body[6..];
        }

        Frequency? frequency = null;
        int interval = 1;
        int? count = null;
        LocalDateTime? until = null;
        var byDay = new List<(int, IsoDayOfWeek)>();
        var byMonthDay = new List<int>();
        var byMonth = new List<int>();
        foreach (var part in body.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"'{Clip(part, 30)}' is not NAME=VALUE.";
                return false;
            }

            var name = part[..eq].ToUpperInvariant();
            var value = part[(eq + 1)..].ToUpperInvariant();
            switch (name)
            {
                case "FREQ":
                    frequency = value switch
                    {
                        "DAILY" => Frequency.Daily,
                        "WEEKLY" => Frequency.Weekly,
                        "MONTHLY" => Frequency.Monthly,
                        "YEARLY" => Frequency.Yearly,
                        _ => null,
                    };
                    if (frequency is null)
                    {
                        error = $"FREQ={Clip(value, 30)} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY.";
                        return false;
                    }

                    break;
                case "INTERVAL" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i is >= 1 and <= 1000:
                    interval = i;
                    break;
                case "COUNT" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= 10_000:
                    count = c;
                    break;
                case "UNTIL" when ParseUntil(value) is { } u:
                    until = u;
                    break;
                case "BYDAY":
                    foreach (var d in value.Split(','))
                    {
                        if (ParseDay(d) is not { } day)
                        {
                            error = $"BYDAY value '{Clip(d, 30)}' is not a day such as MO, 2TU or -1FR.";
                            return false;
                        }

                        byDay.Add(day);
                    }

                    break;
                case "BYMONTHDAY":
                    foreach (var d in value.Split(','))
                    {
                        if (!int.TryParse(d, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var md) || md == 0 || md is < -31 or > 31)
                        {
                            error = $"BYMONTHDAY value '{Clip(d, 30)}' must be 1 to 31 or -1 to -31.";
                            return false;
                        }

                        byMonthDay.Add(md);
                    }

                    break;
                case "BYMONTH":
                    foreach (var m in value.Split(','))
                    {
                        if (!int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
                        {
                            error = $"BYMONTH value '{Clip(m, 30)}' must be 1 to 12.";
                            return false;
                        }

                        byMonth.Add(month);
                    }

                    break;
                case "WKST":
                    break;
                case "INTERVAL" or "COUNT" or "UNTIL":
                    error = $"{name}={Clip(value, 30)} is not valid.";
                    return false;
                default:
                    error = $"{Clip(name, 30)} is not supported in CollabBot's RRULEs. Supported: {Supported}.";
                    return false;
            }
        }

        if (frequency is null)
        {
            error = "An RRULE needs FREQ, e.g. RRULE:FREQ=WEEKLY;BYDAY=TU.";
            return false;
        }

        if (count is not null && until is not null)
        {
            error = "An RRULE may have COUNT or UNTIL, not both (RFC 5545).";
            return false;
        }

        if (frequency is Frequency.Daily or Frequency.Weekly && byDay.Any(d => d.Item1 != 0))
        {
            error = "Numbered days such as 2TU only make sense with FREQ=MONTHLY or YEARLY.";
            return false;
        }

        rule = new Recurrence(frequency.Value, interval, count, until, byDay, byMonthDay, byMonth);
        error = "";
        return true;
    }

    /// <summary>The rule in RFC 5545 form (without the "RRULE:" prefix), for storage and feeds.</summary>
    public override string ToString()
    {
        var parts = new List<string> { "FREQ=" + Frequency.ToString().ToUpperInvariant() };
        if (Interval != 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"INTERVAL={Interval}"));
        }

        if (Count is { } c)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"COUNT={c}"));
        }

        if (Until is { } u)
        {
            parts.Add("UNTIL=" + u.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
        }

        if (ByDay.Count > 0)
        {
            parts.Add("BYDAY=" + string.Join(',', ByDay.Select(d => (d.Ordinal == 0 ? "" : d.Ordinal.ToString(CultureInfo.InvariantCulture)) + DayCodes[(int)d.Day - 1])));
        }

        if (ByMonthDay.Count > 0)
        {
            parts.Add("BYMONTHDAY=" + string.Join(',', ByMonthDay.Select(d => d.ToString(CultureInfo.InvariantCulture))));
        }

        if (ByMonth.Count > 0)
        {
            parts.Add("BYMONTH=" + string.Join(',', ByMonth.Select(m => m.ToString(CultureInfo.InvariantCulture))));
        }

        return string.Join(';', parts);
    }

    /// <summary>
    /// The wall-clock starts of the series from <paramref name="start"/> (always the first occurrence, as
    /// RFC 5545 counts DTSTART) in order, those before <paramref name="from"/> skipped, up to <paramref name="to"/> inclusive.
    /// </summary>
    public IEnumerable<LocalDateTime> Expand(LocalDateTime start, LocalDateTime from, LocalDateTime to)
    {
        var produced = 0;
        var time = start.TimeOfDay;

        // DTSTART is always the first instance and counts towards COUNT, even when the rule would not select it.
        if (!Candidates(start.Date, 0).Contains(start.Date))
        {
            produced++;
            if (start >= from && start <= to)
            {
                yield return start;
            }
        }

        for (var period = 0; period < MaxPeriods; period++)
        {
            if (PeriodStart(start.Date, period) > to.Date)
            {
                yield break;
            }

            foreach (var date in Candidates(start.Date, period).Where(d => d >= start.Date).Distinct().Order())
            {
                var occurrence = date + time;
                if ((Until is { } until && occurrence > until) || (Count is { } count && produced >= count) || occurrence > to)
                {
                    yield break;
                }

                produced++;
                if (occurrence >= from)
                {
                    yield return occurrence;
                }
            }
        }
    }

    /// <summary>True when the rule itself (not just DTSTART) selects <paramref name="date"/>, for a series starting on <paramref name="start"/>.</summary>
    public bool Matches(LocalDate date, LocalDate start)
    {
        var period = Frequency switch
        {
            Frequency.Daily => Period.Between(start, date, PeriodUnits.Days).Days / Interval,
            Frequency.Weekly => Period.Between(PeriodStart(start, 0), date, PeriodUnits.Weeks).Weeks / Interval,
            Frequency.Monthly => Period.Between(PeriodStart(start, 0), date, PeriodUnits.Months).Months / Interval,
            _ => Period.Between(PeriodStart(start, 0), date, PeriodUnits.Years).Years / Interval,
        };
        return period >= 0 && Candidates(start, period).Contains(date);
    }

    private LocalDate PeriodStart(LocalDate start, int period) => Frequency switch
    {
        Frequency.Daily => start.PlusDays(period * Interval),
        Frequency.Weekly => start.PlusDays(-((int)start.DayOfWeek - 1)).PlusWeeks(period * Interval),
        Frequency.Monthly => new LocalDate(start.Year, start.Month, 1).PlusMonths(period * Interval),
        _ => new LocalDate(start.Year, 1, 1).PlusYears(period * Interval),
    };

    private IEnumerable<LocalDate> Candidates(LocalDate start, int period)
    {
        var first = PeriodStart(start, period);
        switch (Frequency)
        {
            case Frequency.Daily:
                if (ByMonth.Count == 0 || ByMonth.Contains(first.Month))
                {
                    if (ByDay.Count == 0 || ByDay.Any(d => d.Day == first.DayOfWeek))
                    {
                        if (ByMonthDay.Count == 0 || MatchesMonthDay(first))
                        {
                            yield return first;
                        }
                    }
                }

                yield break;
            case Frequency.Weekly:
                var days = ByDay.Count > 0 ? ByDay.Select(d => d.Day).ToList() : [start.DayOfWeek];
                foreach (var day in days)
                {
                    var date = first.PlusDays((int)day - 1);
                    if (ByMonth.Count == 0 || ByMonth.Contains(date.Month))
                    {
                        yield return date;
                    }
                }

                yield break;
            case Frequency.Monthly:
                if (ByMonth.Count > 0 && !ByMonth.Contains(first.Month))
                {
                    yield break;
                }

                foreach (var date in InMonth(first, start))
                {
                    yield return date;
                }

                yield break;
            default:
                var months = ByMonth.Count > 0 ? ByMonth : [start.Month];
                foreach (var month in months)
                {
                    var monthStart = new LocalDate(first.Year, month, 1);
                    if (ByDay.Count == 0 && ByMonthDay.Count == 0)
                    {
                        if (start.Day <= CalendarDays(monthStart))
                        {
                            yield return new LocalDate(first.Year, month, start.Day);
                        }

                        continue;
                    }

                    foreach (var date in InMonth(monthStart, start))
                    {
                        yield return date;
                    }
                }

                yield break;
        }
    }

    /// <summary>The dates of one month that BYDAY/BYMONTHDAY select (or the start's day of month when neither is given).</summary>
    private IEnumerable<LocalDate> InMonth(LocalDate monthStart, LocalDate start)
    {
        var length = CalendarDays(monthStart);
        if (ByDay.Count == 0 && ByMonthDay.Count == 0)
        {
            // RFC 5545: a month without the start's day (the 31st in April) has no occurrence.
            if (start.Day <= length)
            {
                yield return monthStart.PlusDays(start.Day - 1);
            }

            yield break;
        }

        var byDayDates = new List<LocalDate>();
        foreach (var (ordinal, day) in ByDay)
        {
            var matches = Enumerable.Range(0, length).Select(i => monthStart.PlusDays(i)).Where(d => d.DayOfWeek == day).ToList();
            if (ordinal == 0)
            {
                byDayDates.AddRange(matches);
            }
            else if (ordinal > 0 && ordinal <= matches.Count)
            {
                byDayDates.Add(matches[ordinal - 1]);
            }
            else if (ordinal < 0 && -ordinal <= matches.Count)
            {
                byDayDates.Add(matches[matches.Count + ordinal]);
            }
        }

        if (ByMonthDay.Count == 0)
        {
            foreach (var d in byDayDates)
            {
                yield return d;
            }

            yield break;
        }

        foreach (var md in ByMonthDay)
        {
            var dayNumber = md > 0 ? md : length + md + 1;
            if (dayNumber < 1 || dayNumber > length)
            {
                continue;
            }

            var date = monthStart.PlusDays(dayNumber - 1);
            if (ByDay.Count == 0 || byDayDates.Contains(date))
            {
                yield return date;
            }
        }
    }

    private bool MatchesMonthDay(LocalDate date)
    {
        var length = CalendarDays(new LocalDate(date.Year, date.Month, 1));
        return ByMonthDay.Any(md => (md > 0 ? md : length + md + 1) == date.Day);
    }

    private static int CalendarDays(LocalDate monthStart) => monthStart.Calendar.GetDaysInMonth(monthStart.Year, monthStart.Month);

    private static (int, IsoDayOfWeek)? ParseDay(string text)
    {
        text = text.Trim();
        if (text.Length < 2)
        {
            return null;
        }

        var code = text[^2..];
        var index = Array.IndexOf(DayCodes, code);
        if (index < 0)
        {
            return null;
        }

        var ordinalText = text[..^2];
        var ordinal = 0;
        if (ordinalText.Length > 0 && (!int.TryParse(ordinalText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ordinal) || ordinal == 0 || ordinal is < -5 or > 5))
        {
            return null;
        }

        return (ordinal, (IsoDayOfWeek)(index + 1));
    }

    private static LocalDateTime? ParseUntil(string value)
    {
        var v = value.TrimEnd('Z');
        if (v.Length == 8 && DateTime.TryParseExact(v, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // A date-only UNTIL includes that whole day.
            return LocalDateTime.FromDateTime(day).PlusDays(1).PlusTicks(-1);
        }

        return DateTime.TryParseExact(v, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)
            ? LocalDateTime.FromDateTime(dt)
            : null;
    }
}

public enum Frequency
{
    Daily,
    Weekly,
    Monthly,
    Yearly,
}
