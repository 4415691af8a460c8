using CollabBot.Core.Commands;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting next")]
public sealed class MeetingNext : CommandHandler<MeetingNext.Args>
{
    public sealed record Args(long? Count);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        if (args.Count is < 1 or > 25)
        {
            return Reply.Invalid("--count must be from 1 to 25.", context.Usage);
        }

        var count = (int)(args.Count ?? 5);
        var query = context.Db.MeetingSeries.AsNoTracking().Include(s => s.Group).Include(s => s.Changes)
            .Where(s => !s.Group.IsArchived && (s.EndedAt == null || s.EndedAt > context.Now));
        string scope;
        if (context.Group is { } group)
        {
            query = query.Where(s => s.GroupId == group.Id);
            scope = group.Slug;
        }
        else
        {
            var mine = context.Caller.Id == 0
                ? []
                : await context.Db.Memberships.Where(m => m.PersonId == context.Caller.Id && m.EndedAt == null).Select(m => m.GroupId).ToListAsync(cancellationToken);
            if (mine.Count > 0)
            {
                query = query.Where(s => mine.Contains(s.GroupId));
                scope = "your groups";
            }
            else
            {
                scope = "all groups";
            }
        }

        var series = await query.ToListAsync(cancellationToken);
        var upcoming = series.SelectMany(s => Occurrences.Next(s, context.Now, count)).OrderBy(o => o.Start).Take(count).ToList();
        if (upcoming.Count == 0)
        {
            return Reply.Message($"No upcoming meetings in {scope}. A convener schedules one with /meeting schedule.");
        }

        var b = new ReplyBuilder($"Next meetings in {scope}");
        foreach (var o in upcoming)
        {
            var line = new List<Inline> { new Strong(o.Series.Title), new Text($" ({o.Series.Group.Slug}, {MeetingKinds.Of(o)}) — ") };
            line.AddRange(MeetingRefs.When(o).Parts);
            if (o.Series.Where is not null)
            {
                line.Add(new Text($" · {o.Series.Where}"));
            }

            b.Line(new Line(line));
        }

        // Going / Maybe / Can't answer for the first meeting listed (a message has room for one row of them on Discord).
        b.Line(Line.Of(new Text("The buttons answer for the first; "), new Code("/meeting rsvp <meeting> yes|maybe|no --date D"), new Text(" for another.")));
        return b.Build() with { Actions = Rsvps.Buttons(upcoming[0]) };
    }
}
