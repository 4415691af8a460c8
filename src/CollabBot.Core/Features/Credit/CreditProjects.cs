using CollabBot.Core.Authors;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

/// <summary>Project look-ups, the convener check and the wording shared by the /credit handlers.</summary>
internal static class CreditProjects
{
    /// <summary>A project with its group, or a not-found reply that suggests the closest slug.</summary>
    public static async Task<(Project? Project, Reply? NotFound)> FindAsync(CommandContext context, string slug, CancellationToken cancellationToken)
    {
        slug = slug.Trim().ToLowerInvariant();
        var project = await context.Db.Projects.Include(p => p.Group).FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (project is not null)
        {
            return (project, null);
        }

        var slugs = await context.Db.Projects.Select(p => p.Slug).ToListAsync(cancellationToken);
        return (null, Reply.NotFound($"There is no project '{Clip(slug)}'{Suggest.DidYouMean(slug, slugs)}. /credit projects shows them all."));
    }

    /// <summary>Conveners of the project's group and admins decide on its contributions (product.md, Permissions).</summary>
    public static async Task<bool> CanDecideAsync(CommandContext context, WorkingGroup group, CancellationToken cancellationToken) =>
        context.IsAdmin || await context.IsConvenerAsync(group, cancellationToken);

    public static async Task<bool> IsMemberAsync(CommandContext context, WorkingGroup group, CancellationToken cancellationToken) =>
        context.Caller.Id != 0 && await context.Db.Memberships.AnyAsync(m => m.GroupId == group.Id && m.PersonId == context.Caller.Id && m.EndedAt == null, cancellationToken);

    public static Reply RefusedDecision(WorkingGroup group, string what) =>
        Reply.Refused($"Only a convener of {group.Slug} or an admin can {what}. /wg info {group.Slug} shows its conveners.");

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

    public static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
