namespace CollabBot.Core.Seeding;

/// <summary>A group's meeting series in a seed file; see <see cref="SeedLoader"/> for how <see cref="When"/> is anchored.</summary>
public sealed class SeedMeeting
{
    public string Title { get; set; } = "";

    /// <summary>The series part of <c>wg/series</c>; derived from the title when absent, as <c>/meeting schedule</c> does.</summary>
    public string? Slug { get; set; }
    public string Kind { get; set; } = "general";

    /// <summary>The <c>--when</c> grammar: <c>"monthly on 2nd tue 15:00"</c>, <c>"2026-12-01 15:00"</c>, <c>"RRULE:…"</c> with <see cref="Start"/>.</summary>
    public string When { get; set; } = "";

    /// <summary>"YYYY-MM-DD HH:MM": the anchor instead of the load date (required with an RRULE), for a schedule that must not move.</summary>
    public string? Start { get; set; }

    /// <summary>Only the first date <see cref="When"/> gives, as a one-off: a hackathon that is always ahead of a freshly loaded demo.</summary>
    public bool Once { get; set; }

    /// <summary>The series' IANA zone; the group's when absent.</summary>
    public string? Tz { get; set; }
    public int Duration { get; set; } = 60;
    public string? Where { get; set; }
    public string? Link { get; set; }

    /// <summary>Reminder offsets such as "1d,15m", or "off"; absent means the deployment's default.</summary>
    public string? Remind { get; set; }

    /// <summary>The agenda of the next occurrence.</summary>
    public List<SeedTalk> Talks { get; set; } = [];

    /// <summary>Kinds the occurrences take in turn, as <c>--alternate</c> takes them ("general,expert").</summary>
    public string? Alternate { get; set; }

    /// <summary>Answers for the next occurrence.</summary>
    public SeedRsvps? Rsvps { get; set; }

    /// <summary>Duties that rotate among volunteers from the series' first date (give <see cref="Start"/> in the past for turns already served).</summary>
    public List<SeedDuty> Duties { get; set; } = [];
}

public sealed class SeedTalk
{
    public string Title { get; set; } = "";

    /// <summary>A person id from the same file.</summary>
    public string Speaker { get; set; } = "";
    public int Minutes { get; set; } = 20;
    public string? Link { get; set; }
}
