using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Topics;

[Command("topic list")]
public sealed class TopicList : CommandHandler<NoArgs>
{
    /// <summary>Discord shows at most five buttons in a row: the five leading ideas get one.</summary>
    private const int Buttons = 5;

    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var ideas = await TopicIdeas.OpenAsync(context.Db, group.Id, cancellationToken);
        if (ideas.Count == 0)
        {
            return Reply.Message(Line.Of(new Text($"{group.Slug} has no open topic ideas. Suggest one: "), new Code($"/topic suggest {group.Slug} \"Topic\"")));
        }

        var b = new ReplyBuilder($"Topic ideas for {group.Name}");
        foreach (var idea in ideas)
        {
            b.Line(TopicIdeas.Describe(idea));
            if (idea.Note is not null)
            {
                b.Line("    " + idea.Note);
            }
        }

        b.Line(Line.Of(new Text("Vote with "), new Code("/topic vote #N"), new Text(" (again to withdraw); a convener makes one a meeting's theme with "), new Code("/topic schedule #N <meeting>"), new Text(".")));
        return b.Build() with { Actions = [.. ideas.Take(Buttons).Select(i => TopicIdeas.VoteButton(i.Id))] };
    }
}
