using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting talk add")]
public sealed class MeetingTalkAdd : CommandHandler<MeetingTalkAdd.Args>
{
    public sealed record Args(string Title, object? Speaker, long? Minutes, string? Date, string? Link);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        if (args.Title.Trim().Length is 0 or > 300)
        {
            return Reply.Invalid("A talk's title must be 1 to 300 characters.", context.Usage);
        }

        if (args.Minutes is < 1 or > 600)
        {
            return Reply.Invalid("--minutes must be from 1 to 600.", context.Usage);
        }

        var series = context.Ref<MeetingSeries>();

        if (!MeetingRefs.TryFindOccurrenceOrNext(series, args.Date, context.Now, "to add a talk to", out var occurrence, out var missing))
        {
            return missing;
        }

        var (speaker, speakerName, badSpeaker) = await context.SpeakerAsync(args.Speaker, context.Caller, cancellationToken);
        if (badSpeaker is not null)
        {
            return badSpeaker;
        }

        var talk = new Talk
        {
            Series = series,
            SeriesId = series.Id,
            OccurrenceDate = MeetingTime.FormatDate(occurrence!.OriginalDate),
            Title = args.Title.Trim(),
            SpeakerPerson = speaker,
            SpeakerName = speakerName,
            Minutes = (int)(args.Minutes ?? 20),
            Link = args.Link,
            AddedByPersonId = context.Caller.Id,
            AddedAt = context.Now,
        };
        context.Db.Talks.Add(talk);
        var who = speaker is not null ? People.Name(speaker) : speakerName!;
        return new ReplyBuilder("Talk added")
            .Line(Line.Of(new Strong(talk.Title), new Text($" — {who} ({talk.Minutes} min)")))
            .Line(Line.Of(new Text($"{series.Title}, "), MeetingRefs.When(occurrence).Parts[0]))
            .Line($"/meeting agenda {MeetingRefs.Reference(series)} --date {talk.OccurrenceDate} shows the whole agenda.")
            .Build();
    }
}
