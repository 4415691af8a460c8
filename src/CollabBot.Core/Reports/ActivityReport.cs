using System.Text.Json.Serialization;

namespace CollabBot.Core.Reports;

/// <summary>
/// A headline number. <see cref="Activity"/> says whether a non-zero value means something happened in the period
/// (a digest is posted only then): "meetings held" is activity, "members now" or "meetings coming" is not.
/// </summary>
public sealed record ReportCount(string Label, int Value, string? Link = null, bool Activity = true);

/// <summary>A table of text cells, one row per thing; every row has <see cref="Columns"/>' number of cells.</summary>
public sealed record ReportTable(string Id, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// One section of a report, built by one <see cref="IReportSection"/>. <see cref="Headline"/> is the one thing worth
/// naming in a digest besides the numbers (the most-voted idea, a challenge's new leader), or null.
/// </summary>
public sealed record ReportSection(string Id, string Heading, IReadOnlyList<ReportCount> Counts, IReadOnlyList<ReportTable> Tables, string? Headline = null)
{
    /// <summary>True when something happened in the period in this section.</summary>
    [JsonIgnore]
    public bool HasActivity => Counts.Any(c => c.Activity && c.Value > 0);
}

/// <summary>
/// What a group (or the whole deployment) did over a period: <see cref="Since"/> to <see cref="Until"/>, both
/// days included, in <see cref="TimeZone"/>. Built by <see cref="ActivityReports"/>, written by <see cref="ReportFormats"/>
/// and by the report page.
/// </summary>
public sealed record ActivityReport(
    string Title,
    string? Group,
    string Since,
    string Until,
    string TimeZone,
    DateTimeOffset GeneratedAt,
    string Link,
    IReadOnlyList<ReportSection> Sections)
{
    /// <summary>True when any section records activity in the period.</summary>
    [JsonIgnore]
    public bool HasActivity => Sections.Any(s => s.HasActivity);

    public ReportSection? Section(string id) => Sections.FirstOrDefault(s => s.Id == id);
}
