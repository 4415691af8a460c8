using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

/// <summary>/wg mute and /wg unmute: a member's personal reminders for one group, off or on again. The channel's reminders are the group's and stay.</summary>
internal static class ReminderMute
{
    public static async Task<Reply> SetAsync(CommandContext context, bool muted, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var membership = await GroupMembers.ActiveAsync(context, group, context.Caller, cancellationToken);
        if (membership is null)
        {
            return Reply.Invalid($"You are not a member of {group.Slug}, so you get no personal reminders for it: /wg join {group.Slug} first.");
        }

        var state = context.Caller.RemindVia == ReminderDelivery.Dm
            ? ""
            : " Your personal reminders are off anyway; /profile set --remind-via dm turns them on.";
        if (membership.RemindersMuted == muted)
        {
            return Reply.Message((muted ? $"{group.Slug} is already muted: no personal reminders for its meetings." : $"{group.Slug} is not muted.") + state);
        }

        membership.RemindersMuted = muted;
        if (!muted)
        {
            // Muting needs no new plan (a reminder checks the mute when it fires); unmuting adds reminders to plan now.
            await context.PlanMeetingsAgainAsync(s => s.GroupId == group.Id, cancellationToken);
        }

        return Reply.Message((muted
            ? $"Muted {group.Slug}: no personal reminders for its meetings (its channels still get theirs). /wg unmute {group.Slug} undoes it."
            : $"Unmuted {group.Slug}: your personal reminders include its meetings again.") + state);
    }
}
