using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;

namespace CollabBot.Core.Features.Resources;

[Command("resource search")]
public sealed class ResourceSearchCommand : CommandHandler<ResourceSearchCommand.Args>
{
    public sealed record Args(IReadOnlyList<string> Words, string? Kind, string? Level, string? Topic);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var words = ResourceInput.OneLine(string.Join(' ', args.Words));
        if (words.Length is 0 or > 200)
        {
            return Reply.Invalid("Say what to look for, in 1 to 200 characters: /resource search jet tagging tutorial.", context.Usage);
        }

        var (query, problem) = ResourceFilters.Query(words, args.Kind, args.Level, args.Topic, context);
        if (problem is not null)
        {
            return problem;
        }

        var result = await new ResourceSearch(context.Db).SearchAsync(query with { Limit = ResourceLines.ListLength }, cancellationToken);
        var scope = ResourceFilters.Describe(query, context);
        if (result.Hits.Count == 0)
        {
            return NothingFound(words, scope, result.Suggestions);
        }

        var total = result.TotalIsLowerBound
            ? $"More than {ResourceSearch.CountCap.ToString("N0", CultureInfo.InvariantCulture)} resources match"
            : result.Total == 1 ? "1 resource matches" : $"{result.Total.ToString("N0", CultureInfo.InvariantCulture)} resources match";
        var b = new ReplyBuilder($"{total} “{ResourceLines.Clip(words)}”{scope}");
        foreach (var hit in result.Hits)
        {
            b.Line(ResourceLines.Summary(hit.Resource, hit.Title));
            if (hit.Excerpt is { HasMatch: true } excerpt)
            {
                b.Line(new Line([new Text("    "), .. excerpt.ToInlines()]));
            }
        }

        if (result.Total > result.Hits.Count)
        {
            var link = context.Options.Link("/resources?q=" + Uri.EscapeDataString(words));
            b.Line(Line.Of(new Text($"The first {result.Hits.Count} are shown; all of them: "), new Link(link, link)));
        }

        b.Line(Line.Of(new Code("/resource info #N"), new Text(" shows one; "), new Code("/resource star #N"), new Text(" keeps it on your reading list.")));
        return b.Build();
    }

    private static Reply NothingFound(string words, string scope, ResourceSuggestions? suggestions)
    {
        var b = new ReplyBuilder(null).Line($"Nothing in the library matches “{ResourceLines.Clip(words)}”{scope}.");
        if (suggestions is { IsEmpty: false } s)
        {
            if (s.DidYouMean is { } respelled)
            {
                b.Line(Line.Of(new Text("Did you mean "), new Code($"/resource search {respelled}"), new Text("?")));
            }

            foreach (var topic in s.Topics)
            {
                b.Line(Line.Of(new Text($"The topic {topic}: "), new Code($"/resource list --topic {topic}")));
            }

            foreach (var title in s.Titles)
            {
                b.Line(Line.Of(new Text("Close: "), new Strong(ResourceKeys.Ref(title.Id)), new Text(" " + title.Title)));
            }
        }
        else
        {
            b.Line("Try fewer or other words; /resource list shows the whole library.");
        }

        b.Line(Line.Of(new Text("Know a good one? "), new Code("/resource add <url> \"<title>\" --kind tutorial"), new Text(" adds it.")));
        return b.Build();
    }
}
