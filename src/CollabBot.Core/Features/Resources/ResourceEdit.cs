using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Resources;

[Command("resource edit")]
public sealed class ResourceEdit : CommandHandler<ResourceEdit.Args>
{
    public sealed record Args(
        string? Title,
        string? Url,
        string? Kind,
        string? Level,
        string? Audience,
        IReadOnlyList<string> Topic,
        IReadOnlyList<string> Author,
        long? Year,
        string? Description,
        string? Arxiv,
        string? Doi,
        string? Licence);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var r = context.Ref<Resource>();
        if (args is { Title: null, Url: null, Kind: null, Level: null, Audience: null, Topic.Count: 0, Author.Count: 0, Year: null, Description: null, Arxiv: null, Doi: null, Licence: null })
        {
            return Reply.Invalid($"Say what to change about {r.Ref}, e.g. --title \"…\", --level beginner or --topic jet-tagging.", context.Usage);
        }

        // The resource as it is, with the changes on top, through the same checks as a new one.
        var draft = new ResourceDraft
        {
            Url = args.Url ?? r.Url,
            Title = args.Title ?? r.Title,
            Kind = args.Kind ?? ResourceTerms.Name(r.Kind),
            Level = args.Level ?? (r.Level is { } l ? ResourceTerms.Name(l) : null),
            Audience = args.Audience ?? (r.Audience is { } a ? ResourceTerms.Name(a) : null),
            Topics = args.Topic.Count > 0 ? args.Topic : r.Topics,
            Authors = args.Author.Count > 0 ? args.Author : r.Authors,
            Year = (args.Year ?? r.Year)?.ToString(CultureInfo.InvariantCulture),
            ArxivId = args.Arxiv ?? r.ArxivId,
            Doi = args.Doi ?? r.Doi,
            InspireId = r.InspireId,
            Licence = args.Licence ?? r.Licence,
            Description = args.Description ?? r.Description,
        };
        if (!ResourceInput.TryValidate(draft, context.Now.Year, out var values, out var error))
        {
            return Reply.Invalid(error, context.Usage);
        }

        var urlKey = values.UrlKey;
        var other = await context.Db.Resources.AsNoTracking()
            .Where(x => x.Id != r.Id && (x.UrlKey == urlKey || (values.ArxivId != null && x.ArxivId == values.ArxivId) || (values.Doi != null && x.Doi == values.Doi)))
            .Select(x => new { x.Id, x.Title })
            .FirstOrDefaultAsync(cancellationToken);
        if (other is not null)
        {
            return Reply.Invalid($"That would make {r.Ref} the same as {ResourceKeys.Ref(other.Id)} ({other.Title}): same address, arXiv id or DOI. Nothing was changed.");
        }

        var before = Describe(r);
        values.ApplyTo(r);
        await new ResourceLibrary(context.Db).RegisterTopicsAsync(values.Topics, cancellationToken);
        var changed = Describe(r).Where(kv => before[kv.Key] != kv.Value).Select(kv => kv.Key).ToList();
        if (changed.Count == 0)
        {
            return Reply.Message($"{r.Ref} already reads that way; nothing changed.");
        }

        return new ReplyBuilder($"Changed {r.Ref}: {string.Join(", ", changed)}")
            .Line(ResourceLines.Summary(r))
            .Build();
    }

    private static Dictionary<string, string> Describe(Resource r) => new(StringComparer.Ordinal)
    {
        ["title"] = r.Title,
        ["address"] = r.Url,
        ["kind"] = r.Kind.ToString(),
        ["level"] = r.Level?.ToString() ?? "",
        ["audience"] = r.Audience?.ToString() ?? "",
        ["topics"] = string.Join('\n', r.Topics),
        ["authors"] = string.Join('\n', r.Authors),
        ["year"] = r.Year?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["description"] = r.Description ?? "",
        ["arXiv id"] = r.ArxivId ?? "",
        ["DOI"] = r.Doi ?? "",
        ["licence"] = r.Licence ?? "",
    };
}
