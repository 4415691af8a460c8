using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Commands;

/// <summary>
/// The permission rules of product.md, in one place: the dispatcher calls <see cref="AuthorizeAsync"/> for every
/// command, after it knows the caller and before the handler runs. It resolves every reference argument to its entity
/// and group (<see cref="ReferenceResolvers"/>), applies the command's <c>who:</c> to each group named, and refuses any
/// change to an archived group. A refusal says who may do it.
/// </summary>
public static class Permissions
{
    /// <summary>Bringing an archived group back is the one change an archived group takes.</summary>
    /// <summary>The role tag whose holders manage a group's challenges beside its conveners (<see cref="Who.Manager"/>).</summary>
    public const string DatasetTeam = "dataset-team";

    public static readonly IReadOnlySet<string> ChangesArchivedGroups = new HashSet<string>(StringComparer.Ordinal) { "wg unarchive" };

    /// <summary>Null when the command may run (the context then holds its references, group and the caller's roles); otherwise the reply.</summary>
    public static async Task<Reply?> AuthorizeAsync(CommandContext context, ReferenceResolvers resolvers, IReadOnlyDictionary<string, object> values, CancellationToken cancellationToken)
    {
        var command = context.Command;
        if (command.Who == Who.Admin && !context.IsAdmin)
        {
            return Reply.Refused($"Only an admin can run /{command.Key}. Admins are the deployment's owners, listed in the Bot:Admins setting.");
        }

        var references = new List<Reference>();
        foreach (var option in command.AllOptions)
        {
            if (resolvers.For(option.Type) is not { } resolver || !values.TryGetValue(option.Name, out var value))
            {
                continue;
            }

            var (found, problem) = await resolver.ResolveAsync(context.Db, value is List<object> list ? list : [value], cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            references.AddRange(found.Select(r => r with { Option = option.Name }));
        }

        var groups = references.Select(r => r.Group).OfType<WorkingGroup>().DistinctBy(g => g.Id).ToList();
        var ungrouped = references.Where(r => r.Group is null).ToList();
        context.References = references;
        context.Group = groups.Count == 1 ? groups[0] : null;
        if (command.Who is Who.Member or Who.Convener or Who.Owner or Who.Manager or Who.Contributor or Who.MinuteTaker && groups.Count > 0)
        {
            var ids = groups.Select(g => g.Id).ToList();
            var memberships = await context.Db.Memberships.AsNoTracking()
                .Where(m => m.PersonId == context.Caller.Id && m.EndedAt == null && ids.Contains(m.GroupId))
                .Select(m => new { m.GroupId, m.Role, m.Tags })
                .ToListAsync(cancellationToken);
            context.CallerRoles = memberships.ToDictionary(m => m.GroupId, m => m.Role);
            context.CallerTags = memberships.ToDictionary(m => m.GroupId, m => (IReadOnlyList<string>)m.Tags);
        }

        var refusal = ungrouped.Count > 0 ? Ungrouped(context, ungrouped) : null;
        var ungroupedSettled = ungrouped.Count > 0 && command.Who is Who.Owner or Who.Member;
        refusal ??= groups.Count == 0 && !ungroupedSettled ? await WithoutGroupAsync(context, cancellationToken) : null;
        foreach (var group in groups)
        {
            var ofGroup = references.Where(r => r.Group?.Id == group.Id).ToList();
            refusal ??= ApplyWho(context, group, ofGroup);
            refusal ??= command.Who == Who.MinuteTaker ? await MinuteTakerAsync(context, group, ofGroup, values, cancellationToken) : null;
        }

        if (refusal is null && command.Kind == CommandKind.Change && !ChangesArchivedGroups.Contains(command.Key))
        {
            refusal = references.FirstOrDefault(r => r.Group is { IsArchived: true }) is { } archived ? Archived(archived) : null;
        }

        return refusal;
    }

    /// <summary>
    /// Whether the caller sees who answered an RSVP (not only how many): conveners of the group and admins. Read
    /// commands open to anyone load no roles, so this asks the database.
    /// </summary>
    public static async Task<bool> SeesNamesAsync(CommandContext context, WorkingGroup group, CancellationToken cancellationToken) =>
        context.CanManage(group)
        || (context.Caller.Id != 0 && await context.Db.Memberships.AnyAsync(m => m.PersonId == context.Caller.Id && m.GroupId == group.Id && m.EndedAt == null && m.Role == MemberRole.Convener, cancellationToken));

    private static Reply? ApplyWho(CommandContext context, WorkingGroup group, IReadOnlyList<Reference> references)
    {
        var command = "/" + context.Command.Key + On(references);
        return context.Command.Who switch
        {
            Who.Member or Who.Contributor when !context.IsAdmin && context.RoleIn(group) is null =>
                Reply.Refused($"You are not a member of {group.Slug}: only its members and admins can run {command}. " + (group.IsOpen
                    ? $"/wg join {group.Slug} makes you one."
                    : $"{group.Slug} is a closed group: /wg join {group.Slug} asks its conveners to let you in.")),
            Who.Convener when !context.CanManage(group) =>
                Reply.Refused($"Only a convener of {group.Slug} or an admin can run {command}. /wg info {group.Slug} shows its conveners."),
            Who.Manager when !context.CanManage(group) && !context.HasTagIn(group, DatasetTeam) =>
                Reply.Refused($"Only a convener of {group.Slug}, its {DatasetTeam} members or an admin can run {command}. /wg info {group.Slug} shows its conveners."),
            Who.Owner when !context.CanManage(group) && references.FirstOrDefault(r => !r.Owners.Contains(context.Caller.Id)) is { } notOwned =>
                Reply.Refused($"Only {notOwned.OwnersDescription}, a convener of {group.Slug} or an admin can run {command}. /wg info {group.Slug} shows its conveners."),
            Who.Addressee => NotAddressed(context, references, command),
            _ => null,
        };
    }

    /// <summary>
    /// <see cref="Who.Addressee"/>: the references that name someone (a swap names whom it asks) must all name the caller;
    /// nobody answers for them, not a convener and not an admin. A command naming nobody to ask is refused.
    /// </summary>
    private static Reply? NotAddressed(CommandContext context, IReadOnlyList<Reference> references, string command)
    {
        var addressed = references.Where(r => r.Addressees.Count > 0).ToList();
        if (addressed.Count == 0)
        {
            return Reply.Refused($"{command} names nobody it asks, so nobody can run it.");
        }

        return addressed.FirstOrDefault(r => !r.Addressees.Contains(context.Caller.Id)) is { } other
            ? Reply.Refused($"Only {other.AddresseesDescription} can run {command}: it is theirs to answer, not anyone else's.")
            : null;
    }

    /// <summary>
    /// <see cref="Who.MinuteTaker"/>: past the conveners and admins, whoever holds the series' minutes duty at the
    /// occurrence the command names (the same occurrence the minutes go on, see <see cref="Meetings.MeetingRefs.FindMinutesOccurrence"/>).
    /// </summary>
    private static async Task<Reply?> MinuteTakerAsync(CommandContext context, WorkingGroup group, IReadOnlyList<Reference> references, IReadOnlyDictionary<string, object> values, CancellationToken cancellationToken)
    {
        if (context.CanManage(group) || references.Select(r => r.Entity).OfType<MeetingSeries>().FirstOrDefault() is not { } series)
        {
            return null;
        }

        var holds = Meetings.MeetingRefs.FindMinutesOccurrence(series, values.GetValueOrDefault("date") as string, context.Now, out var occurrence) is null
            && await Meetings.Duties.HoldsAsync(context.Db, occurrence!, Meetings.Duties.Minutes, context.Caller.Id, cancellationToken);
        var label = Meetings.MeetingRefs.Reference(series);
        return holds ? null : Reply.Refused(
            $"Only the meeting's minute-taker, a convener of {group.Slug} or an admin can run /{context.Command.Key} on {label}. /meeting duty list {label} shows who took the last minutes and who takes the next.");
    }

    /// <summary>
    /// Things that belong to no group (a library resource added to none): no convener governs them, so an owners'
    /// command is for their owners and admins; a conveners' command is for conveners of any group, as when it names no
    /// group at all; members' commands need a group to be a member of. Anyone's and contributors' commands pass.
    /// </summary>
    private static Reply? Ungrouped(CommandContext context, IReadOnlyList<Reference> references)
    {
        if (context.IsAdmin)
        {
            return null;
        }

        var command = "/" + context.Command.Key + On(references);
        return context.Command.Who switch
        {
            Who.Owner when references.FirstOrDefault(r => !r.Owners.Contains(context.Caller.Id)) is { } notOwned =>
                Reply.Refused($"Only {notOwned.OwnersDescription} or an admin can run {command}: {notOwned.Label} belongs to no group, so no convener looks after it."),
            Who.Member => Reply.Refused($"{references[0].Label} belongs to no group, so only an admin can run {command}."),
            _ => null,
        };
    }

    /// <summary>
    /// A command that names no group: conveners' commands then act on the groups the caller convenes, so the caller
    /// must convene one. Members' and owners' commands always name what they act on (a convention test checks it);
    /// should one not, it is refused rather than let through unchecked.
    /// </summary>
    private static async Task<Reply?> WithoutGroupAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var command = "/" + context.Command.Key;
        switch (context.Command.Who)
        {
            case Who.Convener when !context.IsAdmin:
                var convenes = await context.Db.Memberships.AnyAsync(m => m.PersonId == context.Caller.Id && m.EndedAt == null && m.Role == MemberRole.Convener, cancellationToken);
                return convenes ? null : Reply.Refused($"Only conveners and admins can run {command}, and you convene no group. /wg list shows every group with its conveners.");
            case Who.Member or Who.Owner or Who.Manager or Who.MinuteTaker or Who.Addressee when !context.IsAdmin:
                return Reply.Refused($"{command} must name the group it acts on; only an admin can run it without one.");
            default:
                return null;
        }
    }

    private static Reply Archived(Reference reference)
    {
        var group = reference.Group!;
        return Reply.Refused(reference.IsGroup
            ? $"{group.Slug} is archived, so it cannot be changed. An admin can bring it back with /wg unarchive {group.Slug}."
            : $"{reference.Label} belongs to {group.Slug}, which is archived, so it cannot be changed. An admin can bring the group back with /wg unarchive {group.Slug}.");
    }

    /// <summary>" on calorimetry/monthly", " on #12, #13": what the command acts on, when that is not the group itself.</summary>
    private static string On(IReadOnlyList<Reference> references)
    {
        var labels = references.Where(r => !r.IsGroup).Select(r => r.Label).ToList();
        return labels.Count == 0 ? "" : " on " + string.Join(", ", labels);
    }
}
