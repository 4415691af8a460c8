using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace CollabBot.Core.Meetings;

/// <summary>An instant for a wall-clock time, and what had to be decided to get it.</summary>
public sealed record ResolvedTime(DateTimeOffset Start, LocalDateTime Local, string? Note);

/// <summary>
/// Wall-clock time in a series' IANA zone is the stored truth; instants come only from here. On a DST change
/// day a time that does not exist (the spring-forward gap) is moved forward by the gap's length (02:30 → 03:30),
/// and a time that occurs twice (the autumn overlap) takes the earlier of the two. Either way the note says so.
/// </summary>
public static class MeetingTime
{
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    public static DateTimeZone? Zone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id == "UTC" ? "Etc/UTC" : id);

    public static ResolvedTime Resolve(LocalDateTime local, string zoneId)
    {
        var zone = Zone(zoneId) ?? DateTimeZone.Utc;
        var mapping = zone.MapLocal(local);
        ZonedDateTime zoned;
        string? note = null;
        switch (mapping.Count)
        {
            case 1:
                zoned = mapping.Single();
                break;
            case 0:
                zoned = Resolvers.ReturnForwardShifted(local, zone, mapping.EarlyInterval, mapping.LateInterval);
                note = $"{Format(local)} does not exist in {zoneId} (clocks spring forward that day), so that meeting is at {Format(zoned.LocalDateTime)}.";
                break;
            default:
                zoned = mapping.First();
                note = $"{Format(local)} happens twice in {zoneId} (clocks fall back that day); the meeting is at the first one ({zoned.Offset}).";
                break;
        }

        // Instants are kept in UTC everywhere (PostgreSQL's timestamptz takes nothing else).
        return new ResolvedTime(zoned.ToInstant().ToDateTimeOffset(), local, note);
    }

    public static LocalDateTime ToLocal(DateTimeOffset instant, string zoneId) =>
        Instant.FromDateTimeOffset(instant).InZone(Zone(zoneId) ?? DateTimeZone.Utc).LocalDateTime;

    public static string Format(LocalDateTime local) => Pattern.Format(local);

    public static LocalDateTime? Parse(string text) => Pattern.Parse(text) is { Success: true } r ? r.Value : null;

    public static string FormatDate(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
