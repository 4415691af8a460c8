using CollabBot.Core.Challenges;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Challenges;

/// <summary><c>/challenge close</c>: submissions stop, the private board is revealed and the final top 3 announced.</summary>
[Command("challenge close")]
public sealed class ChallengeClose : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        switch (challenge.State)
        {
            case ChallengeState.Draft:
                return Reply.Refused($"{challenge.Slug} is a draft that never opened: there is nothing to close. /challenge open {challenge.Slug} opens it.");
            case ChallengeState.Closed:
                return Reply.Refused($"{challenge.Slug} is already closed.");
        }

        challenge.State = ChallengeState.Closed;
        challenge.ClosedAt = context.Now;
        var board = await ChallengeBoard.LoadAsync(context.Db, challenge, BoardPart.Private, cancellationToken);
        challenge.LeaderSubmissionId = board.Leader?.Best.Id;

        var final = new ReplyBuilder($"Final results: {challenge.Title}")
            .Line(board.Entries.Count == 0
                ? $"{challenge.Slug} closed without a scored submission."
                : $"{challenge.Slug} is closed. The private part of the truth decides the final ranking by {board.Metric.Name}:");
        foreach (var entry in board.Entries.Take(3))
        {
            final.Line(ChallengeText.Entry(entry, board.Metric));
        }

        final.Line(Line.Of(new Text("The whole board: "), new Code($"/challenge board {challenge.Slug}")));
        var told = await ChallengeAnnouncements.ToChannelsAsync(context.Db, challenge, final.Build(), $"challenge:{challenge.Id}:closed", cancellationToken);

        var b = new ReplyBuilder($"Closed {challenge.Slug}: the private board");
        ChallengeText.Board(b, board, context.Caller.Id, null, all: false);
        b.Line(told == 0 ? "No channel is linked to the group or tracking the dataset, so nobody was told." : $"The final top 3 was announced in {told} channel{(told == 1 ? "" : "s")}.");
        return b.Build();
    }
}
