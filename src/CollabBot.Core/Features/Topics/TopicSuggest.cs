using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Topics;

[Command("topic suggest")]
public sealed class TopicSuggest : CommandHandler<TopicSuggest.Args>
{
    public sealed record Args(string Topic, string? Note, object? Speaker);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var title = args.Topic.Trim();
        if (title.Length is 0 or > 300)
        {
            return Reply.Invalid("A topic must be 1 to 300 characters.", context.Usage);
        }

        var note = args.Note?.Trim() is { Length: > 0 } n ? n : null;
        if (note is { Length: > 1000 })
        {
            return Reply.Invalid("--note must be at most 1000 characters.", context.Usage);
        }

        var (speaker, speakerName, badSpeaker) = await context.SpeakerAsync(args.Speaker, null, cancellationToken);
        if (badSpeaker is not null)
        {
            return badSpeaker;
        }

        var group = context.RequireGroup();
        var idea = new TopicIdea
        {
            Group = group,
            GroupId = group.Id,
            Title = title,
            Note = note,
            SpeakerPerson = speaker,
            SpeakerName = speakerName,
            SuggestedBy = context.Caller,
            SuggestedByPersonId = context.Caller.Id,
            SuggestedAt = context.Now,
            Status = TopicIdeaStatus.Open,
        };
        context.Db.TopicIdeas.Add(idea);
        await context.Db.SaveChangesAsync(cancellationToken); // the number is what people vote with: show it now

        var b = new ReplyBuilder($"Topic idea #{idea.Id} for {group.Slug}")
            .Line(Line.Of(new Text($"#{idea.Id} "), new Strong(idea.Title), new Text(speaker is not null ? $" — speaker: {People.Name(speaker)}" : speakerName is not null ? $" — speaker: {speakerName}" : "")));
        if (note is not null)
        {
            b.Line(note);
        }

        b.Line(Line.Of(new Text("Members vote with "), new Code($"/topic vote #{idea.Id}"), new Text("; "), new Code($"/topic list {group.Slug}"), new Text(" ranks the open ideas.")));
        var reply = b.Build();
        return reply with { Actions = [TopicIdeas.VoteButton(idea.Id)] };
    }
}
