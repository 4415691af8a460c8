using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

/// <summary>Pending join requests, shared by approve and deny.</summary>
internal static class JoinRequests
{
    public static async Task<JoinRequest?> PendingAsync(CommandContext context, WorkingGroup group, Person person, CancellationToken cancellationToken) =>
        person.Id == 0
            ? null
            : await context.Db.JoinRequests.FirstOrDefaultAsync(j => j.GroupId == group.Id && j.PersonId == person.Id && j.Status == JoinRequestStatus.Pending, cancellationToken);

    public static async Task<Reply> NoneAsync(CommandContext context, WorkingGroup group, Person person, CancellationToken cancellationToken)
    {
        var waiting = await context.Db.JoinRequests.Where(j => j.GroupId == group.Id && j.Status == JoinRequestStatus.Pending)
            .OrderBy(j => j.RequestedAt).Select(j => j.Person.DisplayName).ToListAsync(cancellationToken);
        var list = waiting.Count == 0 ? "There are no pending requests." : $"Pending requests: {string.Join(", ", waiting)}.";
        return Reply.NotFound($"{People.Name(person)} has no pending request to join {group.Slug}. {list}");
    }
}
