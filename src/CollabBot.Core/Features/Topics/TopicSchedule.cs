using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Meeting;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Topics;

/// <summary>Makes an open idea the theme of one occurrence of its group's meeting; the suggester and the voters are told in a direct message.</summary>
[Command("topic schedule")]
public sealed class TopicSchedule : CommandHandler<TopicSchedule.Args>
{
    public sealed record Args(string? Date);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var idea = context.Ref<TopicIdea>();
        var series = context.Ref<MeetingSeries>();
        if (series.GroupId != idea.GroupId)
        {
            return Reply.Invalid($"#{idea.Id} is an idea of {idea.Group.Slug}, and {MeetingRefs.Reference(series)} is not one of its meetings. /meeting list {idea.Group.Slug} shows them.");
        }

        if (idea.Status != TopicIdeaStatus.Open)
        {
            return Reply.Invalid($"#{idea.Id} is {(idea.Status == TopicIdeaStatus.Scheduled ? $"already the theme of the {idea.OccurrenceDate} meeting" : "closed")}; only an open idea can be scheduled.");
        }

        if (!MeetingRefs.TryFindOccurrenceOrNext(series, args.Date, context.Now, "to give a theme to", out var occurrence, out var missing))
        {
            return missing;
        }

        if (occurrence!.Start <= context.Now)
        {
            return Reply.Invalid($"The {MeetingRefs.Reference(series)} meeting on {args.Date} has already started or happened; pick a coming date.");
        }

        var date = MeetingTime.FormatDate(occurrence.OriginalDate);
        var taken = await context.Db.TopicIdeas.AsNoTracking()
            .Where(t => t.SeriesId == series.Id && t.OccurrenceDate == date && t.Status == TopicIdeaStatus.Scheduled)
            .Select(t => new { t.Id, t.Title }).FirstOrDefaultAsync(cancellationToken);
        if (taken is not null)
        {
            return Reply.Invalid($"The {MeetingRefs.Reference(series)} meeting on {date} already has a theme: #{taken.Id} \"{taken.Title}\". Pick another --date.");
        }

        idea.Status = TopicIdeaStatus.Scheduled;
        idea.SeriesId = series.Id;
        idea.Series = series;
        idea.OccurrenceDate = date;
        idea.DecidedAt = context.Now;
        idea.DecidedByPersonId = context.Caller.Id;

        // Everyone who cared about it hears once (keyed by idea and person), however the command is retried.
        var told = idea.Votes.Where(v => v.WithdrawnAt == null).Select(v => v.PersonId).Append(idea.SuggestedByPersonId)
            .Where(id => id != context.Caller.Id).Distinct().ToList();
        var people = await context.Db.People.Where(p => told.Contains(p.Id)).ToListAsync(cancellationToken);
        var message = new ReplyBuilder($"Scheduled: #{idea.Id} {idea.Title}")
            .Line(Line.Of(new Text($"The idea you suggested or voted for is the theme of {series.Title} ({series.Group.Slug}) on "), new Timestamp(occurrence.Start, series.TimeZone), new Text(".")))
            .Line(Line.Of(new Text("The agenda: "), new Code($"/meeting agenda {MeetingRefs.Reference(series)} --date {date}")))
            .Build();
        foreach (var person in people)
        {
            await context.Outbox.ToPersonAsync(person, message, new Outbox.SendOptions(DedupeKey: $"topic-scheduled:{idea.Id}:{person.Id}"), cancellationToken);
        }

        return Reply.Message(Line.Of(
            new Text($"#{idea.Id} "),
            new Strong(idea.Title),
            new Text($" is the theme of {MeetingRefs.Reference(series)} on "),
            new Timestamp(occurrence.Start, series.TimeZone),
            new Text(people.Count == 0 ? "." : $"; {people.Count} {(people.Count == 1 ? "person who suggested or voted for it is" : "people who suggested or voted for it are")} told.")));
    }
}
