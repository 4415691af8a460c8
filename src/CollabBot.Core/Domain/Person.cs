namespace CollabBot.Core.Domain;

/// <summary>A person: one author however many platform identities they have.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public required string DisplayName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? NameParticle { get; set; }
    public string? Suffix { get; set; }
    public string? Orcid { get; set; }

    /// <summary>Affiliations in the person's order, one per line.</summary>
    public List<string> Affiliations { get; set; } = [];
    public string? TimeZone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Sort author lists on the particle too ("van der Berg" under V); by default particles are ignored for sorting.</summary>
    public bool SortOnParticle { get; set; }

    /// <summary>Set with <c>/profile set --private-activity yes</c>: reports and digests leave this person's counts out.</summary>
    public bool PrivateActivity { get; set; }

    /// <summary>
    /// Personal reminder offsets before each meeting (<c>15m,1d</c>), set with <c>/profile set --remind</c>; null means
    /// the series' own offsets. They also become the alarms of the person's calendar feed.
    /// </summary>
    public string? RemindOffsets { get; set; }

    /// <summary>How personal reminders reach the person: not at all (the default) or by direct message.</summary>
    public ReminderDelivery RemindVia { get; set; }

    /// <summary>Which meetings personal reminders are for: all of the person's groups', or only those they said yes or maybe to.</summary>
    public ReminderScope RemindFor { get; set; }

    /// <summary>Set when <c>/profile link</c> joined this person into another: the row stays, so history and the audit keep their meaning.</summary>
    public int? MergedIntoPersonId { get; set; }

    public List<Identity> Identities { get; set; } = [];
    public List<Membership> Memberships { get; set; } = [];
}

/// <summary>A platform account: <c>slack:T:U</c>, <c>discord:U</c>, <c>console:name</c>.</summary>
public sealed class Identity
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Platform { get; set; }
    public string? Handle { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public DateTimeOffset FirstSeenAt { get; set; }
}

/// <summary><c>/profile set --remind-via</c>: no personal reminders unless the person asks for them.</summary>
public enum ReminderDelivery
{
    Off,
    Dm,
}

/// <summary><c>/profile set --remind-for</c>.</summary>
public enum ReminderScope
{
    All,
    Rsvp,
}
