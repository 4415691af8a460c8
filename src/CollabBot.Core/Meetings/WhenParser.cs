using System.Globalization;
using System.Text.RegularExpressions;
using CollabBot.Core.Values;
using NodaTime;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Meetings;

/// <summary>A schedule as <c>--when</c> describes it: a recurrence (null for a one-off) and the first start, in wall-clock time.</summary>
public sealed record Schedule(Recurrence? Rule, LocalDateTime Start)
{
    public bool IsRecurring => Rule is not null;
}

/// <summary>
/// The <c>--when</c> grammar of commands.md: <c>"2026-12-01 15:00"</c>; <c>"weekly on tue 15:00"</c>;
/// <c>"every 2 weeks on mon,thu 16:30"</c>; <c>"monthly on 2nd tue 15:00"</c>, <c>"monthly on last fri 10:00"</c>,
/// <c>"monthly on day 15 10:00"</c>; <c>"daily 09:00"</c>; or <c>"RRULE:FREQ=…"</c> with <c>--start</c>.
/// Errors name the word that is wrong and show the accepted forms.
/// </summary>
public static partial class WhenParser
{
    public const string Forms = "\"2026-12-01 15:00\", \"weekly on tue 15:00\", \"every 2 weeks on mon,thu 16:30\", \"monthly on 2nd tue 15:00\", \"monthly on last fri 10:00\", \"monthly on day 15 10:00\", \"daily 09:00\", or \"RRULE:FREQ=WEEKLY;BYDAY=TU\" with --start \"YYYY-MM-DD HH:MM\"";

    private static readonly Dictionary<string, IsoDayOfWeek> Days = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = IsoDayOfWeek.Monday, ["monday"] = IsoDayOfWeek.Monday,
        ["tue"] = IsoDayOfWeek.Tuesday, ["tues"] = IsoDayOfWeek.Tuesday, ["tuesday"] = IsoDayOfWeek.Tuesday,
        ["wed"] = IsoDayOfWeek.Wednesday, ["wednesday"] = IsoDayOfWeek.Wednesday,
        ["thu"] = IsoDayOfWeek.Thursday, ["thur"] = IsoDayOfWeek.Thursday, ["thurs"] = IsoDayOfWeek.Thursday, ["thursday"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday, ["friday"] = IsoDayOfWeek.Friday,
        ["sat"] = IsoDayOfWeek.Saturday, ["saturday"] = IsoDayOfWeek.Saturday,
        ["sun"] = IsoDayOfWeek.Sunday, ["sunday"] = IsoDayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1st"] = 1, ["first"] = 1, ["2nd"] = 2, ["second"] = 2, ["3rd"] = 3, ["third"] = 3, ["4th"] = 4, ["fourth"] = 4, ["5th"] = 5, ["fifth"] = 5, ["last"] = -1,
    };

    /// <summary>Parses <paramref name="when"/>; <paramref name="today"/> (in the series' zone) anchors recurring forms, <paramref name="start"/> overrides it.</summary>
    public static bool TryParse(string when, string? start, LocalDate today, out Schedule? schedule, out string error)
    {
        schedule = null;
        var text = Regex.Replace(when.Trim(), @"\s+", " ");
        LocalDateTime? startAt = null;
        if (start is not null)
        {
            if (ParseDateTime(start) is not { } s)
            {
                error = $"--start must be \"YYYY-MM-DD HH:MM\", not '{Clip(start, 30)}'.";
                return false;
            }

            startAt = s;
        }

        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("FREQ=", StringComparison.OrdinalIgnoreCase))
        {
            if (startAt is null)
            {
                error = "An RRULE needs --start \"YYYY-MM-DD HH:MM\" for its first occurrence.";
                return false;
            }

            if (!Recurrence.TryParse(text, out var rule, out var ruleError))
            {
                error = $"In --when: {ruleError}";
                return false;
            }

            schedule = new Schedule(rule, startAt.Value);
            error = "";
            return true;
        }

        if (ParseDateTime(text) is { } once)
        {
            schedule = new Schedule(null, once);
            error = "";
            return true;
        }

        var words = text.Split(' ');
        var i = 0;
        Frequency frequency;
        var interval = 1;
        string Word(int k) => k < words.Length ? words[k] : "";

        switch (Word(i).ToLowerInvariant())
        {
            case "daily":
                frequency = Frequency.Daily;
                i++;
                break;
            case "weekly":
                frequency = Frequency.Weekly;
                i++;
                break;
            case "monthly":
                frequency = Frequency.Monthly;
                i++;
                break;
            case "every":
                if (!int.TryParse(Word(i + 1), NumberStyles.None, CultureInfo.InvariantCulture, out interval) || interval is < 1 or > 52)
                {
                    return Fail(out error, Word(i + 1), "a number from 1 to 52 after 'every'");
                }

                frequency = Word(i + 2).ToLowerInvariant() switch
                {
                    "day" or "days" => Frequency.Daily,
                    "week" or "weeks" => Frequency.Weekly,
                    "month" or "months" => Frequency.Monthly,
                    _ => (Frequency)(-1),
                };
                if ((int)frequency < 0)
                {
                    return Fail(out error, Word(i + 2), "days, weeks or months");
                }

                i += 3;
                break;
            default:
                return Fail(out error, Word(i), "a date and time, daily, weekly, monthly or every N weeks");
        }

        var byDay = new List<(int, IsoDayOfWeek)>();
        var byMonthDay = new List<int>();
        if (frequency != Frequency.Daily)
        {
            if (!Word(i).Equals("on", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(out error, Word(i), frequency == Frequency.Weekly ? "'on' followed by days, e.g. on tue" : "'on', e.g. on 2nd tue, on last fri or on day 15");
            }

            i++;
            if (frequency == Frequency.Weekly)
            {
                foreach (var d in Word(i).Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!Days.TryGetValue(d, out var day))
                    {
                        return Fail(out error, d, "a day: mon, tue, wed, thu, fri, sat or sun", Days.Keys);
                    }

                    byDay.Add((0, day));
                }

                if (byDay.Count == 0)
                {
                    return Fail(out error, Word(i), "a day such as tue or mon,thu");
                }

                i++;
            }
            else if (Word(i).Equals("day", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(Word(i + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var dom) || dom is < 1 or > 31)
                {
                    return Fail(out error, Word(i + 1), "a day of the month from 1 to 31");
                }

                byMonthDay.Add(dom);
                i += 2;
            }
            else
            {
                if (!Ordinals.TryGetValue(Word(i), out var ordinal))
                {
                    return Fail(out error, Word(i), "1st, 2nd, 3rd, 4th, 5th, last or day N", Ordinals.Keys);
                }

                if (!Days.TryGetValue(Word(i + 1), out var day))
                {
                    return Fail(out error, Word(i + 1), "a day: mon, tue, wed, thu, fri, sat or sun", Days.Keys);
                }

                byDay.Add((ordinal, day));
                i += 2;
            }
        }

        if (ParseTime(Word(i)) is not { } time)
        {
            return Fail(out error, Word(i), "a time as HH:MM (24 h), e.g. 15:00");
        }

        if (i + 1 < words.Length)
        {
            return Fail(out error, Word(i + 1), "nothing after the time");
        }

        var recurrence = new Recurrence(frequency, interval, null, null, byDay, byMonthDay, []);

        // The first occurrence is the first date the rule selects on or after the anchor day, at the given time.
        var anchor = (startAt?.Date ?? today) + time;
        var first = recurrence.Expand(anchor.Date + time, anchor, anchor.PlusYears(2)).FirstOrDefault(o => recurrence.Matches(o.Date, anchor.Date));
        if (first == default)
        {
            error = $"'{Clip(when, 30)}' never happens in the next two years.";
            return false;
        }

        schedule = new Schedule(recurrence, first);
        error = "";
        return true;
    }

    public static LocalDateTime? ParseDateTime(string text) =>
        DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)
            ? LocalDateTime.FromDateTime(dt)
            : null;

    public static LocalDate? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? LocalDate.FromDateOnly(d)
            : null;

    private static LocalTime? ParseTime(string text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? LocalTime.FromTimeOnly(t)
            : null;

    private static bool Fail(out string error, string word, string expected, IEnumerable<string>? candidates = null)
    {
        var what = word.Length == 0 ? "The schedule ends too early" : $"'{Clip(word, 30)}' is not right";
        var hint = candidates is null || word.Length == 0 ? "" : Suggest.DidYouMean(word, candidates);
        error = $"In --when: {what}{hint}: expected {expected}. Accepted forms: {Forms}.";
        return false;
    }
}
