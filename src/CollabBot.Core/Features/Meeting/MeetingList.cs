using CollabBot.Core.Commands;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting list")]
public sealed class MeetingList(IOptions<ReminderOptions> reminders) : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var series = await context.Db.MeetingSeries.AsNoTracking().Include(s => s.Group).Include(s => s.Changes)
            .Where(s => s.GroupId == group.Id).OrderBy(s => s.Slug).ToListAsync(cancellationToken);
        if (series.Count == 0)
        {
            return Reply.Message($"{group.Slug} has no meetings yet. A convener schedules one with /meeting schedule {group.Slug} \"Title\" --when \"monthly on 2nd tue 15:00\".");
        }

        var b = new ReplyBuilder($"Meetings of {group.Slug}");
        foreach (var s in series)
        {
            var next = Occurrences.Next(s, context.Now, 1);
            var parts = new List<Inline> { new Code(MeetingRefs.Reference(s)), new Text($" #{s.Id} "), new Strong(s.Title), new Text($" ({s.Kind}) — {MeetingRefs.Describe(s)} · reminders {MeetingRefs.OffsetsText(s, reminders.Value)}") };
            if (s.EndedAt is not null && s.EndedAt <= context.Now)
            {
                parts.Add(new Text(" · ended"));
            }
            else if (next.Count > 0)
            {
                parts.Add(new Text(" · next "));
                parts.AddRange(MeetingRefs.When(next[0]).Parts);
            }

            b.Line(new Line(parts));
        }

        return b.Build();
    }
}
