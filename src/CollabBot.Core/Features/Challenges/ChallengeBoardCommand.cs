using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge board</c>: the top 10 (each participant's or team's best), the caller's line, baselines and target.</summary>
[Command("challenge board")]
public sealed class ChallengeBoardCommand : CommandHandler<ChallengeBoardCommand.Args>
{
    public sealed record Args(bool Private, bool All);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        if (args.Private && challenge.State != ChallengeState.Closed)
        {
            return Reply.Refused($"The private board of {challenge.Slug} is revealed when it closes; while it is {ChallengeText.State(challenge.State)}, /challenge board {challenge.Slug} shows the public one.");
        }

        var part = ChallengeBoard.DefaultPart(challenge);
        var board = await ChallengeBoard.LoadAsync(context.Db, challenge, part, cancellationToken);
        var team = await ChallengeRules.TeamOfAsync(context.Db, challenge.Id, context.Caller.Id, cancellationToken);
        var b = new ReplyBuilder($"{challenge.Title}: the {ChallengeText.Part(part)} board ({ChallengeText.State(challenge.State)})");
        b.Line(board.Entries.Count == 0
            ? $"Ranked by {board.Metric.Name} on the {ChallengeText.Part(part)} part of the truth."
            : $"{board.Entries.Count} participant{(board.Entries.Count == 1 ? "" : "s")}, ranked by {board.Metric.Name} ({(board.Metric.Direction == Core.Challenges.MetricDirection.HigherIsBetter ? "higher" : "lower")} is better) on the {ChallengeText.Part(part)} part of the truth:");
        ChallengeText.Board(b, board, context.Caller.Id, team?.Id, args.All);
        if (!args.All && board.Entries.Count > ChallengeText.BoardSize)
        {
            b.Line(Line.Of(new Text("Everyone: "), new Code($"/challenge board {challenge.Slug} --all")));
        }

        b.Line(Line.Of(new Text("On the web: "), new Link(context.Options.Link($"challenges/{challenge.Slug}"), context.Options.Link($"challenges/{challenge.Slug}"))));
        return b.Build();
    }
}
