using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Resources;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

/// <summary>
/// What a newcomer is told: on joining a group (by /wg join, on approval, or added by a convener), privately — a
/// direct message on each platform they use — the conveners' welcome (<c>/wg welcome</c>), the group's start-here
/// path, its next meeting in the newcomer's time zone, its conveners, and how to record contributions and cite the
/// group's datasets. <c>/collab start</c> gives the same for the whole deployment.
/// </summary>
public static class Newcomers
{
    public const int MaxWelcome = 2000;

    // Read for every welcome (each /wg join): compiled once, so EF skips its query-cache look-up (see People).
    private static readonly CompiledPerModel<Func<CollabBotDbContext, int, IAsyncEnumerable<Person>>> ConvenersOf = new(() =>
        EF.CompileAsyncQuery((CollabBotDbContext db, int groupId) => db.Memberships.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.EndedAt == null && m.Role == MemberRole.Convener).Select(m => m.Person)));

    private static readonly CompiledPerModel<Func<CollabBotDbContext, int, DateTimeOffset, IAsyncEnumerable<MeetingSeries>>> SeriesOf = new(() =>
        EF.CompileAsyncQuery((CollabBotDbContext db, int groupId, DateTimeOffset now) => db.MeetingSeries.AsNoTracking().Include(s => s.Group).Include(s => s.Changes)
            .Where(s => s.GroupId == groupId && (s.EndedAt == null || s.EndedAt > now))));

    private static readonly CompiledPerModel<Func<CollabBotDbContext, int, IAsyncEnumerable<string>>> ProjectsOf = new(() =>
        EF.CompileAsyncQuery((CollabBotDbContext db, int groupId) => db.Projects.AsNoTracking().Where(p => p.GroupId == groupId).Select(p => p.Slug).OrderBy(s => s).Take(3)));

    private static readonly CompiledPerModel<Func<CollabBotDbContext, int, IAsyncEnumerable<string>>> DatasetsOf = new(() =>
        EF.CompileAsyncQuery((CollabBotDbContext db, int groupId) => db.Datasets.AsNoTracking().Where(d => d.GroupId == groupId).Select(d => d.Slug).OrderBy(s => s).Take(3)));

    /// <summary>Queues the group's welcome to the person's direct messages, sent when the command commits.</summary>
    /// <param name="intro">A first sentence on how they came in, e.g. that their request was approved.</param>
    public static async Task WelcomeAsync(CommandContext context, WorkingGroup group, Person person, string? intro, CancellationToken cancellationToken)
    {
        var welcome = await ForGroupAsync(context.Db, context.Options, group, person.TimeZone, context.Now, cancellationToken, intro);
        await context.Outbox.ToPersonAsync(person, welcome, cancellationToken);
    }

    public static async Task<Reply> ForGroupAsync(CollabBotDbContext db, BotOptions options, WorkingGroup group, string? timeZone, DateTimeOffset now, CancellationToken cancellationToken, string? intro = null)
    {
        var b = new ReplyBuilder($"Welcome to {group.Name} ({group.Slug})");
        if (intro is not null)
        {
            b.Line(intro);
        }

        b.Line(group.Welcome ?? (group.Description.Length > 0 ? group.Description : $"You are now a member of {group.Slug}."));

        b.Section("Start here");
        var path = await new ResourceLibrary(db).StartHereAsync(group.Id, cancellationToken);
        if (path.Count == 0)
        {
            b.Line(Line.Of(new Text("The conveners have not set a start-here path yet; "), new Code($"/resource list {group.Slug}"), new Text(" shows the group's library.")));
        }

        for (var i = 0; i < path.Count; i++)
        {
            b.Line(new Line([new Text($"{i + 1}. "), .. ResourceLines.Summary(path[i]).Parts]));
        }

        b.Section("Next meeting");
        var series = await SeriesOf.For(db)(db, group.Id, now).ToListAsync(cancellationToken);
        var next = series.SelectMany(s => Occurrences.Next(s, now, 1)).OrderBy(o => o.Start).FirstOrDefault();
        if (next is null)
        {
            b.Line("None scheduled yet.");
        }
        else
        {
            var parts = new List<Inline> { new Strong(next.Series.Title), new Text(" — "), new Timestamp(next.Start, timeZone ?? next.Series.TimeZone) };
            if (next.Series.Where is not null)
            {
                parts.Add(new Text(" · " + next.Series.Where));
            }

            b.Line(new Line(parts));
            b.Line(Line.Of(new Code($"/meeting next {group.Slug}"), new Text(" shows more; "), new Code("/profile set --tz <zone>"), new Text(" shows times in your zone.")));
        }

        b.Section("Conveners");
        var conveners = await ConvenersOf.For(db)(db, group.Id).ToListAsync(cancellationToken);
        b.Line(conveners.Count == 0 ? "None yet." : string.Join(", ", conveners.Select(People.Name).Order(StringComparer.Ordinal)));

        b.Section("Contributing");
        var projects = await ProjectsOf.For(db)(db, group.Id).ToListAsync(cancellationToken);
        b.Line(Line.Of(new Text("Record what you do for a project with "), new Code($"/credit add {(projects.Count > 0 ? projects[0] : "<project>")} me <role>"),
            new Text(" (e.g. software, data-curation); a convener confirms it and author lists follow.")));
        var datasets = await DatasetsOf.For(db)(db, group.Id).ToListAsync(cancellationToken);
        b.Line(datasets.Count == 0
            ? Line.Of(new Text("Using a dataset? "), new Code("/dataset cite <dataset>"), new Text(" gives its citation."))
            : Line.Of(new Text("Using the group's data? Cite it: "), new Text(string.Join(", ", datasets.Select(d => $"/dataset cite {d}"))), new Text(".")));
        var page = options.Link($"/wg/{group.Slug}");
        b.Line(Line.Of(new Text("The group's page: "), new Link(page, page)));
        return b.Build();
    }
}
