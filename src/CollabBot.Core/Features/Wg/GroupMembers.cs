using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

/// <summary>Membership reads and writes shared by the /wg handlers.</summary>
internal static class GroupMembers
{
    /// <summary>Read by every join and leave: compiled once (see <see cref="People"/>).</summary>
    private static readonly CompiledPerModel<Func<CollabBotDbContext, int, int, CancellationToken, Task<Membership?>>> Row = new(() =>
        EF.CompileAsyncQuery((CollabBotDbContext db, int groupId, int personId, CancellationToken _) => db.Memberships.FirstOrDefault(m => m.GroupId == groupId && m.PersonId == personId)));

    /// <summary>
    /// The person's membership row in the group, active or ended (one row per pair, reopened on rejoin). A row this
    /// command already holds is the one the database would give back (EF hands out the tracked instance), so it is
    /// not read again: <c>/wg join</c> asks whether the caller is a member, then joins them, on one read.
    /// </summary>
    public static async Task<Membership?> RowAsync(CommandContext context, WorkingGroup group, Person person, CancellationToken cancellationToken) =>
        person.Id == 0
            ? context.Db.Memberships.Local.FirstOrDefault(m => m.GroupId == group.Id && m.Person == person)
            : context.Db.Memberships.Local.FirstOrDefault(m => m.GroupId == group.Id && m.PersonId == person.Id)
              ?? await Row.For(context.Db)(context.Db, group.Id, person.Id, cancellationToken);

    public static async Task<Membership?> ActiveAsync(CommandContext context, WorkingGroup group, Person person, CancellationToken cancellationToken) =>
        await RowAsync(context, group, person, cancellationToken) is { IsActive: true } m ? m : null;

    /// <summary>Adds the person, or reopens their ended membership with a fresh role and tags.</summary>
    public static async Task<Membership> JoinAsync(CommandContext context, WorkingGroup group, Person person, MemberRole role, IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        var row = await RowAsync(context, group, person, cancellationToken);
        if (row is null)
        {
            row = new Membership { Group = group, Person = person, Role = role, Tags = [.. tags], JoinedAt = context.Now };
            context.Db.Memberships.Add(row);
        }
        else
        {
            row.EndedAt = null;
            row.Role = role;
            row.Tags = [.. tags];
            row.JoinedAt = context.Now;
        }

        await PlanPersonalRemindersAsync(context, group, person, cancellationToken);
        return row;
    }

    /// <summary>
    /// Someone with personal reminders on who joins a group gets them for its meetings from now on: its series are
    /// planned again once the command commits, as <c>/profile set --remind</c> and <c>/wg unmute</c> do, rather than at
    /// the next periodic plan (every 30 minutes), which would miss a meeting about to begin. Nobody else costs a query.
    /// </summary>
    private static async Task PlanPersonalRemindersAsync(CommandContext context, WorkingGroup group, Person person, CancellationToken cancellationToken)
    {
        if (person.RemindVia != ReminderDelivery.Dm || group.Id == 0)
        {
            return;
        }

        await context.PlanMeetingsAgainAsync(s => s.GroupId == group.Id, cancellationToken);
    }

    public static Task<int> ConvenerCountAsync(CommandContext context, WorkingGroup group, CancellationToken cancellationToken) =>
        context.Db.Memberships.CountAsync(m => m.GroupId == group.Id && m.EndedAt == null && m.Role == MemberRole.Convener, cancellationToken);

    public static Task<List<string>> ConvenerNamesAsync(CommandContext context, WorkingGroup group, CancellationToken cancellationToken) =>
        context.Db.Memberships.Where(m => m.GroupId == group.Id && m.EndedAt == null && m.Role == MemberRole.Convener)
            .OrderBy(m => m.Person.DisplayName).Select(m => m.Person.DisplayName).ToListAsync(cancellationToken);

    /// <summary>How a mentioned person is named in a reply: their name, pinging them only where the platform allows it.</summary>
    public static Inline Mention(UserRef user, Person person) => new Mention(user.Identity, People.Name(person));

    public static string KindName(GroupKind kind) => kind.ToString().ToLowerInvariant();
}
