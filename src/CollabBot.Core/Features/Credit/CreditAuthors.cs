using CollabBot.Core.Authors;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Credit;

[Command("credit authors")]
public sealed class CreditAuthors : CommandHandler<CreditAuthors.Args>
{
    /// <summary>Beyond this a list is a download, not a chat message (Slack cuts sections at 3,000 characters, Discord embeds at 4,096).</summary>
    public const int MaxInlineCharacters = 2500;

    public const int MaxInlineLines = 40;

    public sealed record Args(string? Format, string? Order, string? MinDegree);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var format = AuthorFormats.ByName(args.Format ?? "text")!.Format;
        if (!AuthorDownloads.TryParseOptions(args.Order, args.MinDegree, out var options, out var error))
        {
            return Reply.Invalid(error, context.Usage);
        }

        var project = context.Ref<Project>();
        var list = await new AuthorListQuery(context.Db).LoadAsync(project.Slug, options, DateOnly.FromDateTime(context.Now.UtcDateTime), cancellationToken)
            ?? throw new InvalidOperationException($"The project {project.Slug} was found but its author list was not");

        list = list with { Project = list.Project with { Url = context.Options.Link($"/projects/{list.Project.Slug}") } };
        var info = AuthorFormats.Info(format);
        var download = context.Options.Link(AuthorDownloads.Path(list.Project.Slug, format, options));
        if (list.IsEmpty)
        {
            var filtered = options.MinDegree is { } min ? $" at degree {CreditTaxonomy.DegreeName(min)} or above" : "";
            return Reply.Message($"{list.Project.Slug} has no confirmed contributions{filtered} yet, so its author list is empty. /credit list {list.Project.Slug} shows what is recorded; a convener confirms with /credit confirm <id>.");
        }

        var rendered = AuthorFormats.Render(format, list);
        var lines = rendered.Content.TrimEnd('\n').Split('\n');
        var people = list.Authors.Count == 1 ? "1 author" : $"{list.Authors.Count} authors";
        var b = new ReplyBuilder($"Authors of {list.Project.Title} ({info.Name}, {options.Order.ToString().ToLowerInvariant()} order)");
        if (rendered.Content.Length > MaxInlineCharacters || lines.Length > MaxInlineLines)
        {
            b.Line($"This list is long ({people}, {rendered.Content.Length:N0} characters), too long for chat. Download it here:")
                .Line(Line.Of(new Link(download, download)));
        }
        else
        {
            // Prose formats read as text; the others are code, whose characters must survive exactly as they are.
            var prose = format is AuthorFormat.Text or AuthorFormat.Credit;
            b.Lines(lines.Where(l => l.Length > 0).Select(l => prose ? (Line)l : Line.Of(new Code(l.TrimEnd('\r')))));
            b.Section(null).Line(Line.Of(new Text($"{people}. Download: "), new Link(download, download)));
        }

        foreach (var warning in rendered.Warnings)
        {
            b.Line($"Note: {warning}");
        }

        return b.Build();
    }
}
