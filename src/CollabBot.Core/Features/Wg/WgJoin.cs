using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

[Command("wg join")]
public sealed class WgJoin : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var me = context.Caller;
        if (await GroupMembers.ActiveAsync(context, group, me, cancellationToken) is { } existing)
        {
            return Reply.Message($"You are already {(existing.Role == MemberRole.Convener ? "a convener" : "a member")} of {group.Slug}.");
        }

        if (group.IsOpen)
        {
            await GroupMembers.JoinAsync(context, group, me, MemberRole.Member, [], cancellationToken);
            await Newcomers.WelcomeAsync(context, group, me, null, cancellationToken);
            return Reply.Message($"Welcome to {group.Name}! You are now a member of {group.Slug}. Its start-here path, next meeting and conveners are in your direct messages; /meeting next {group.Slug} shows its next meetings.");
        }

        var pending = me.Id != 0 && await context.Db.JoinRequests.AnyAsync(j => j.GroupId == group.Id && j.PersonId == me.Id && j.Status == JoinRequestStatus.Pending, cancellationToken);
        var convenerNames = await GroupMembers.ConvenerNamesAsync(context, group, cancellationToken);
        var who = convenerNames.Count > 0 ? string.Join(", ", convenerNames) : "its conveners";
        if (pending)
        {
            return Reply.Message($"Your request to join {group.Slug} is already waiting for {who}.");
        }

        context.Db.JoinRequests.Add(new JoinRequest { Group = group, Person = me, Status = JoinRequestStatus.Pending, RequestedAt = context.Now });

        // Each convener gets the request with buttons that run /wg approve or /wg deny for them.
        var request = new ReplyBuilder($"Request to join {group.Slug}")
            .Line(Line.Of(new Mention(context.CallerIdentity, People.Name(me)), new Text($" asks to join {group.Name} ({group.Slug}).")))
            .Action("Approve", $"/wg approve {group.Slug} @{context.CallerIdentity}")
            .Action("Deny", $"/wg deny {group.Slug} @{context.CallerIdentity}", primary: false)
            .Build();
        var conveners = await context.Db.Memberships
            .Where(m => m.GroupId == group.Id && m.EndedAt == null && m.Role == MemberRole.Convener)
            .Select(m => m.Person).ToListAsync(cancellationToken);
        foreach (var convener in conveners)
        {
            await context.Outbox.ToPersonAsync(convener, request, cancellationToken);
        }
        return new ReplyBuilder(null)
            .Line($"{group.Slug} is a closed group, so your request to join went to {who}. You will be a member once one of them approves it.")
            .Build();
    }
}
