using CollabBot.Core.Data;
using CollabBot.Core.Domain;

namespace CollabBot.Core.Reports;

/// <summary>
/// What a section sees: the groups reported on (one, or every group for the deployment report), the period as
/// instants [<see cref="From"/>, <see cref="To"/>), the clock, and the privacy rules already applied:
/// <see cref="ShowNames"/> is <c>Dashboard:ShowMembers</c>, <see cref="PrivatePeople"/> are the people who keep their
/// counts out of reports (<c>/profile set --private-activity yes</c>).
/// </summary>
public sealed record ReportScope(
    CollabBotDbContext Db,
    IReadOnlyList<WorkingGroup> Groups,
    bool Deployment,
    DateOnly Since,
    DateOnly Until,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset Now,
    bool ShowNames,
    IReadOnlySet<int> PrivatePeople,
    BotOptions Bot)
{
    public IReadOnlyList<int> GroupIds { get; } = [.. Groups.Select(g => g.Id)];

    /// <summary>The end of what has happened: the period's end, or now when the period reaches into the future.</summary>
    public DateTimeOffset Past => To < Now ? To : Now;

    public string GroupSlug(int groupId) => Groups.FirstOrDefault(g => g.Id == groupId)?.Slug ?? "";

    public bool Counts(int? personId) => personId is not { } id || !PrivatePeople.Contains(id);

    private Task<IReadOnlyList<HeldMeeting>>? held;

    /// <summary>
    /// The meetings held in the period, loaded once per report: meetings, duties and people all read them, and
    /// sections are built one after another, so the first caller's load serves the rest.
    /// </summary>
    public Task<IReadOnlyList<HeldMeeting>> HeldAsync(CancellationToken cancellationToken) => held ??= HeldMeetings.LoadAsync(this, cancellationToken);
}

/// <summary>
/// One section of the activity report and the digest. Every implementation in this assembly is registered
/// (<see cref="ActivityReports.AddReports"/>), so a new section — challenges, topic ideas, duties — is one file.
/// Sections are written in <see cref="Order"/>; one that returns null is left out.
/// </summary>
public interface IReportSection
{
    int Order { get; }

    Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken);
}
