using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;

namespace CollabBot.Core.Features.Collab;

[Command("collab help")]
public sealed class CollabHelp(CommandCatalog catalog) : CommandHandler<CollabHelp.Args>
{
    public sealed record Args(string? Command);

    public override Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(args.Command))
        {
            return Task.FromResult(HelpText.Overview(catalog));
        }

        var key = string.Join(' ', args.Command.Trim().TrimStart('/').Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var node = catalog.Find(key);
        if (node is null)
        {
            var all = catalog.Commands.SelectMany(c => new[] { c }.Concat(c.Children).Concat(c.Leaves())).Select(n => n.Key).Distinct().ToList();

            // Compare like with like: for "wg jion" the prefix "wg" would otherwise beat "wg join".
            var words = key.Split(' ').Length;
            var sameDepth = all.Where(k => k.Split(' ').Length == words).ToList();
            return Task.FromResult(Reply.NotFound($"There is no command '{key}'{Suggest.DidYouMean(key, sameDepth.Count > 0 ? sameDepth : all)}. Commands: {string.Join(", ", catalog.Commands.Select(c => "/" + c.Name))}."));
        }

        return Task.FromResult(HelpText.For(node));
    }
}
