using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge open</c>: a draft with its truth starts taking submissions; the group's channels and those tracking the dataset are told.</summary>
[Command("challenge open")]
public sealed class ChallengeOpen : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        switch (challenge.State)
        {
            case ChallengeState.Open:
                return Reply.Refused($"{challenge.Slug} is already open.");
            case ChallengeState.Closed:
                return Reply.Refused($"{challenge.Slug} is closed, and a closed challenge does not open again: its final board stands. Create a new challenge for a new round.");
        }

        if (challenge.TruthId is null)
        {
            return Reply.Refused($"{challenge.Slug} has no truth yet: upload it with /challenge truth {challenge.Slug} --url URL, then open it.");
        }

        challenge.State = ChallengeState.Open;
        challenge.OpenedAt = context.Now;
        var announcement = new ReplyBuilder($"Challenge open: {challenge.Title}")
            .Line($"{challenge.Dataset.Group.Name} opened {challenge.Slug} on {challenge.Dataset.Slug}, scored with {string.Join(", ", challenge.MetricNames)}.")
            .Line(Line.Of(new Text("Details: "), new Code($"/challenge info {challenge.Slug}"), new Text(" · submit: "), new Code($"/challenge submit {challenge.Slug} --url URL")))
            .Build();
        var told = await ChallengeAnnouncements.ToChannelsAsync(context.Db, challenge, announcement, $"challenge:{challenge.Id}:open", cancellationToken);
        return new ReplyBuilder($"Opened {challenge.Slug}")
            .Line(told == 0 ? "No channel is linked to the group or tracking the dataset, so nobody was told." : $"Announced in {told} channel{(told == 1 ? "" : "s")}.")
            .Build();
    }
}
