using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace CollabBot.Core.Meetings;

/// <summary>How series and occurrences are named and read, shared by the /meeting handlers, reminders, the seed and the dashboard; <c>Features/Meeting/MeetingReference.cs</c> finds a series.</summary>
public static class MeetingRefs
{
    public static string Reference(MeetingSeries series) => $"{series.Group.Slug}/{series.Slug}";

    /// <summary>A unique slug for a new series in the group, from its title.</summary>
    public static async Task<string> NewSlugAsync(CollabBotDbContext db, WorkingGroup group, string title, CancellationToken cancellationToken)
    {
        var slug = SlugFrom(title);
        var taken = group.Id == 0 ? [] : await db.MeetingSeries.Where(s => s.GroupId == group.Id).Select(s => s.Slug).ToListAsync(cancellationToken);
        var candidate = slug;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    /// <summary>A series slug from its title ("Monthly meeting" → monthly-meeting); shared with the seed loader.</summary>
    public static string SlugFrom(string title)
    {
        var sb = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        slug = slug.Length == 0 ? "meeting" : slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
        return char.IsAsciiLetterLower(slug[0]) ? slug : "m-" + slug;
    }

    /// <summary>"Tue 2026-12-01 15:00 Europe/Zurich" in each reader's own time where the platform can show it.</summary>
    public static Line When(Occurrence occurrence)
    {
        var parts = new List<Inline> { new Timestamp(occurrence.Start, occurrence.Series.TimeZone) };
        if (occurrence.Moved)
        {
            parts.Add(new Text($" (moved from {MeetingTime.FormatDate(occurrence.OriginalDate)})"));
        }

        if (occurrence.Cancelled)
        {
            parts.Add(new Text(" — cancelled" + (occurrence.Reason is null ? "" : $": {occurrence.Reason}")));
        }

        return new Line(parts);
    }

    /// <summary>"weekly on Tue", "every 2 weeks on Mon, Thu", "monthly on the 2nd Tue", "once".</summary>
    public static string Describe(MeetingSeries series)
    {
        var rule = Occurrences.Rule(series);
        if (rule is null)
        {
            return "once";
        }

        var time = MeetingTime.Parse(series.StartLocal)?.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";
        var every = rule.Interval == 1 ? "" : $"every {rule.Interval} ";
        string Day(IsoDayOfWeek d) => d.ToString()[..3];
        var text = rule switch
        {
            { Count: null, Until: null, ByMonth.Count: 0, Frequency: Frequency.Daily, ByDay.Count: 0, ByMonthDay.Count: 0 } => rule.Interval == 1 ? "daily" : $"every {rule.Interval} days",
            { Count: null, Until: null, ByMonth.Count: 0, Frequency: Frequency.Weekly, ByMonthDay.Count: 0 } when rule.ByDay.Count > 0 =>
                (rule.Interval == 1 ? "weekly" : $"every {rule.Interval} weeks") + " on " + string.Join(", ", rule.ByDay.Select(d => Day(d.Day))),
            { Count: null, Until: null, ByMonth.Count: 0, Frequency: Frequency.Monthly, ByDay.Count: 1, ByMonthDay.Count: 0 } when rule.ByDay[0].Ordinal != 0 =>
                (rule.Interval == 1 ? "monthly" : $"{every}months") + $" on the {Ordinal(rule.ByDay[0].Ordinal)} {Day(rule.ByDay[0].Day)}",
            { Count: null, Until: null, ByMonth.Count: 0, Frequency: Frequency.Monthly, ByDay.Count: 0, ByMonthDay.Count: 1 } =>
                (rule.Interval == 1 ? "monthly" : $"{every}months") + $" on day {rule.ByMonthDay[0]}",
            _ => "RRULE:" + rule,
        };
        return $"{text} at {time} {series.TimeZone}";
    }

    public static IReadOnlyList<TimeSpan> Offsets(MeetingSeries series, ReminderOptions defaults)
    {
        var text = series.ReminderOffsets ?? string.Join(',', defaults.DefaultOffsets);
        return text.Length > 0 && Durations.TryParseList(text, out var offsets, out _) ? [.. offsets.Distinct().OrderDescending()] : [];
    }

    public static string OffsetsText(MeetingSeries series, ReminderOptions defaults)
    {
        var offsets = Offsets(series, defaults);
        return offsets.Count == 0 ? "off" : string.Join(", ", offsets.Select(Durations.Format)) + " before";
    }

    /// <summary>The series' occurrence on a given date (its scheduled date, or the date it was moved to).</summary>
    public static Reply? FindOccurrence(MeetingSeries series, string date, out Occurrence? occurrence, bool allowCancelled = false)
    {
        occurrence = WhenParser.ParseDate(date) is { } d ? Occurrences.OnDate(series, d) : null;
        if (occurrence is null)
        {
            return Reply.NotFound($"{Reference(series)} has no meeting on {date}. /meeting info {Reference(series)} shows its next dates.");
        }

        if (occurrence.Cancelled && !allowCancelled)
        {
            return Reply.Invalid($"The {Reference(series)} meeting on {date} is already cancelled.");
        }

        return null;
    }

    /// <summary>The occurrence minutes are of (<c>/meeting notes</c>, and the minute-taker's permission): the one on <paramref name="date"/> when given, else the last one held.</summary>
    public static Reply? FindMinutesOccurrence(MeetingSeries series, string? date, DateTimeOffset now, out Occurrence? occurrence, string? usage = null)
    {
        if (date is not null)
        {
            return FindOccurrence(series, date, out occurrence);
        }

        occurrence = Occurrences.Between(series, now.AddDays(-400), now).LastOrDefault();
        return occurrence is null
            ? Reply.Invalid($"{Reference(series)} has not met yet; give --date for the meeting the minutes are of.", usage)
            : null;
    }

    /// <summary>
    /// The occurrence a command acts on: the one on <paramref name="date"/> when given, else the next one; a reply
    /// when there is none, saying what the caller wanted to do with it ("to add a talk to").
    /// </summary>
    public static bool TryFindOccurrenceOrNext(MeetingSeries series, string? date, DateTimeOffset now, string purpose,
        [NotNullWhen(true)] out Occurrence? occurrence, [NotNullWhen(false)] out Reply? missing)
    {
        missing = null;
        if (date is not null)
        {
            missing = FindOccurrence(series, date, out occurrence);
        }
        else
        {
            occurrence = Occurrences.Next(series, now, 1).FirstOrDefault();
        }

        if (occurrence is null || missing is not null)
        {
            occurrence = null;
            missing ??= Reply.Invalid($"{Reference(series)} has no upcoming meeting {purpose}.");
            return false;
        }

        return true;
    }

    private static string Ordinal(int n) => n switch
    {
        -1 => "last",
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => $"{n}th",
    };
}
