namespace CollabBot.Core.Domain;

public enum DigestEvery
{
    Month,
    Week,
    Off,
}

/// <summary>
/// A group's digest schedule, set with <c>/wg digest</c>. A group without a row gets the default: monthly, on the
/// first working day, at 09:00 in the group's time zone.
/// </summary>
public sealed class DigestSchedule : IVersioned
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public WorkingGroup Group { get; set; } = null!;
    public DigestEvery Every { get; set; }

    /// <summary>Weekly: 1 (Monday) … 7 (Sunday). Monthly: 1 … 28, or null for the first working day.</summary>
    public int? Day { get; set; }

    /// <summary>"HH:mm" in the group's time zone.</summary>
    public string Time { get; set; } = "09:00";
    public DateTimeOffset ChangedAt { get; set; }
    public int? ChangedByPersonId { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A personal calendar feed's secret, stored as its SHA-256 only: the token itself is shown once, privately, by
/// <c>/profile calendar</c>. A new call or <c>--revoke</c> ends the current one (<see cref="RevokedAt"/>); nothing is deleted.
/// </summary>
public sealed class CalendarToken
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string Hash { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
