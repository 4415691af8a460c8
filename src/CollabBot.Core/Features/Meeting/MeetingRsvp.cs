using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>A member's answer for one occurrence; a new answer replaces the old one. The Going / Maybe / Can't buttons run this.</summary>
[Command("meeting rsvp")]
public sealed class MeetingRsvp : CommandHandler<MeetingRsvp.Args>
{
    public sealed record Args(string Answer, string? Date);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();
        var answer = Enum.Parse<RsvpAnswer>(args.Answer, ignoreCase: true);

        if (!MeetingRefs.TryFindOccurrenceOrNext(series, args.Date, context.Now, "to answer for", out var occurrence, out var missing))
        {
            return missing;
        }

        if (occurrence!.Start <= context.Now)
        {
            return Reply.Invalid($"The {MeetingRefs.Reference(series)} meeting on {MeetingTime.FormatDate(occurrence.StartLocal.Date)} has already started or happened.");
        }

        var date = MeetingTime.FormatDate(occurrence.OriginalDate);
        var rsvp = await context.Db.Rsvps.FirstOrDefaultAsync(r => r.SeriesId == series.Id && r.OccurrenceDate == date && r.PersonId == context.Caller.Id, cancellationToken);
        if (rsvp is null)
        {
            rsvp = new Rsvp { SeriesId = series.Id, OccurrenceDate = date, PersonId = context.Caller.Id };
            context.Db.Rsvps.Add(rsvp);
        }

        rsvp.Answer = answer;
        rsvp.At = context.Now;
        await context.Db.SaveChangesAsync(cancellationToken); // the counts below include this answer

        var counts = await Rsvps.CountsAsync(context.Db, series.Id, date, cancellationToken);
        var said = answer switch
        {
            RsvpAnswer.Yes => "You are going to",
            RsvpAnswer.Maybe => "You might come to",
            _ => "You can't come to",
        };
        return Reply.Message(Line.Of(new Text($"{said} {series.Title} on "), new Timestamp(occurrence.Start, series.TimeZone), new Text($". {Rsvps.Describe(counts)}.")));
    }
}
