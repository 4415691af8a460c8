using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;

namespace CollabBot.Core.Features.Resources;

[Command("resource add")]
public sealed class ResourceAdd : CommandHandler<ResourceAdd.Args>
{
    public sealed record Args(string Url, string Title, string Kind, string? Level, string? Audience, IReadOnlyList<string> Topic, IReadOnlyList<string> Author, long? Year, string? Description);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var groups = context.Refs<WorkingGroup>();
        var draft = new ResourceDraft
        {
            Url = args.Url,
            Title = args.Title,
            Kind = args.Kind,
            Level = args.Level,
            Audience = args.Audience,
            Topics = args.Topic,
            Authors = args.Author,
            Year = args.Year?.ToString(CultureInfo.InvariantCulture),
            Description = args.Description,
            Groups = [.. groups.Select(g => g.Slug)],
        };
        if (!ResourceInput.TryValidate(draft, context.Now.Year, out var values, out var error))
        {
            return Reply.Invalid(error, context.Usage);
        }

        var outcome = await new ResourceLibrary(context.Db).AddAsync(values, context.Caller.Id, cancellationToken);
        if (outcome.Existing is { } existing)
        {
            return Reply.Invalid($"{outcome.Error} /resource info {existing.Ref} shows it; /resource star {existing.Ref} puts it on your reading list.");
        }

        if (outcome.Added is not { } resource)
        {
            return Reply.Invalid(outcome.Error!, context.Usage);
        }

        // Saved now, in the command's transaction, so the reply can give its number.
        await context.Db.SaveChangesAsync(cancellationToken);
        var b = new ReplyBuilder($"Added {resource.Ref}: {resource.Title}")
            .Field("Kind", ResourceLines.Details(resource))
            .Field("Groups", ResourceLines.Groups(resource))
            .Field("Topics", resource.Topics.Count == 0 ? "none" : string.Join(", ", resource.Topics))
            .Field("Link", Line.Of(new Link(resource.Url, resource.Url)));
        b.Line(Line.Of(new Text("Others find it with "), new Code($"/resource search {FirstWords(resource.Title)}"), new Text("; "), new Code($"/resource edit {resource.Ref}"), new Text(" changes it.")));
        return b.Build();
    }

    private static string FirstWords(string title) =>
        string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(':', ',', '.', ';', '!', '?', '(', ')', '"', '—')).Where(w => w.Length > 0).Take(3));
}
