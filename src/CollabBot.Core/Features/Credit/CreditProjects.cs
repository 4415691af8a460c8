using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

/// <summary>The wording and look-ups shared by the /credit handlers (<see cref="ProjectReference"/> finds a project).</summary>
internal static class CreditProjects
{
    public static Task<List<Person>> ConvenersAsync(CommandContext context, WorkingGroup group, CancellationToken cancellationToken) =>
        context.Db.Memberships
            .Where(m => m.GroupId == group.Id && m.EndedAt == null && m.Role == MemberRole.Convener)
            .Select(m => m.Person)
            .ToListAsync(cancellationToken);

    /// <summary>"Software (lead)".</summary>
    public static string RoleText(Contribution c) => $"{CreditTaxonomy.Name(c.Role)} ({CreditTaxonomy.DegreeName(c.Degree)})";

    public static string StatusText(ContributionStatus status) => status switch
    {
        ContributionStatus.Confirmed => "confirmed",
        ContributionStatus.Rejected => "rejected",
        _ => "pending",
    };

    public static ContributionDegree ParseDegree(string? degree) => degree?.ToLowerInvariant() switch
    {
        "lead" => ContributionDegree.Lead,
        "supporting" => ContributionDegree.Supporting,
        _ => ContributionDegree.Equal,
    };

    public static string KindName(ProjectKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A contribution's line in lists: "#12 Jonas van der Berg — Software (lead), confirmed · note".</summary>
    public static Line Describe(Contribution c, string personName, bool withProject, bool withStatus)
    {
        var text = $" {personName} — {RoleText(c)}";
        if (withProject)
        {
            text += $" on {c.Project.Slug}";
        }

        if (withStatus)
        {
            text += $", {StatusText(c.Status)}";
            if (c.Status == ContributionStatus.Rejected && c.Reason is { } reason)
            {
                text += $" ({reason})";
            }
        }

        if (c.Note is { } note)
        {
            text += $" · {note}";
        }

        return Line.Of(new Strong($"#{c.Id}"), new Text(text));
    }
}
