using CollabBot.Core.Domain;
using CollabBot.Core.Values;

namespace CollabBot.Core.Meetings;

/// <summary>What a person's reminder settings mean, for the planner, the profile and the calendar feed.</summary>
public static class PersonalReminders
{
    /// <summary>At most this many personal offsets: a reminder is a nudge, not a countdown.</summary>
    public const int MaxOffsets = 4;

    /// <summary>The person's own offsets (latest first) when set, else the series' (none when its reminders are off).</summary>
    public static IReadOnlyList<TimeSpan> Offsets(string? personal, MeetingSeries series, ReminderOptions defaults) =>
        personal is null ? MeetingRefs.Offsets(series, defaults) : Parse(personal);

    /// <summary>Distinct, largest first; empty when the text is not a list of durations.</summary>
    public static IReadOnlyList<TimeSpan> Parse(string text) =>
        Durations.TryParseList(text, out var offsets, out _) ? [.. offsets.Distinct().OrderDescending()] : [];

    /// <summary>"by direct message, 1d and 15m before, for all your groups' meetings" / "off".</summary>
    public static string Describe(Person person)
    {
        var offsets = person.RemindOffsets is { } own ? string.Join(" and ", Parse(own).Select(Durations.Format)) + " before" : "at each meeting's own reminder times";
        var scope = person.RemindFor == ReminderScope.Rsvp ? "meetings you said yes or maybe to" : "all your groups' meetings";
        return person.RemindVia == ReminderDelivery.Dm
            ? $"by direct message, {offsets}, for {scope}"
            : person.RemindOffsets is null ? "off" : $"off (your times, {offsets}, are your calendar feed's alarms)";
    }
}
