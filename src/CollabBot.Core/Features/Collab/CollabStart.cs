using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Resources;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Collab;

/// <summary>The deployment's welcome: what a group's welcome says (<see cref="Wg.Newcomers"/>), for every group at once.</summary>
[Command("collab start")]
public sealed class CollabStart : CommandHandler<NoArgs>
{
    public const int GroupsShown = 12;

    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var b = new ReplyBuilder("Start here")
            .Line("This community works in groups: each has its members, meetings, library, datasets and author lists, all here and on the web.");

        b.Section("1. Find your groups");
        var groups = await db.Groups.AsNoTracking().Where(g => !g.IsArchived).OrderBy(g => g.Slug).ToListAsync(cancellationToken);
        foreach (var g in groups.Take(GroupsShown))
        {
            b.Line(Line.Of(new Strong(g.Slug), new Text($" — {g.Name}{(g.IsOpen ? "" : " (closed: conveners approve)")}")));
        }

        b.Line(Line.Of(new Code("/wg join <group>"), new Text(" joins one; you get its welcome and start-here path privately. "), new Code("/wg list"), new Text(" shows them all.")));

        b.Section("2. Start-here paths");
        var paths = await db.StartHereSteps.AsNoTracking()
            .Where(s => s.RemovedAt == null && s.Resource.RetiredAt == null && !s.Group.IsArchived)
            .Select(s => new { s.Group.Slug, s.Position, s.ResourceId, s.Resource.Title })
            .ToListAsync(cancellationToken);
        if (paths.Count == 0)
        {
            b.Line(Line.Of(new Text("No group has one yet; "), new Code("/resource search <words>"), new Text(" searches the library.")));
        }

        foreach (var path in paths.GroupBy(p => p.Slug).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var steps = path.OrderBy(p => p.Position).ToList();
            b.Line(Line.Of(new Strong(path.Key), new Text(": " + string.Join(" → ", steps.Select(s => ResourceKeys.Ref(s.ResourceId))) + $" (first: {steps[0].Title})")));
        }

        var beginners = await new ResourceSearch(db).SearchAsync(new ResourceQuery { Level = ResourceLevel.Beginner, Limit = 5 }, cancellationToken);
        if (beginners.Hits.Count > 0)
        {
            b.Section("3. For beginners");
            b.Lines(beginners.Hits.Select(h => ResourceLines.Summary(h.Resource)));
            b.Line(Line.Of(new Code("/resource info #N"), new Text(" tells more; "), new Code("/resource star #N"), new Text(" keeps one on your reading list.")));
        }

        b.Section("Next meetings");
        var series = await db.MeetingSeries.AsNoTracking().Include(s => s.Group).Include(s => s.Changes)
            .Where(s => !s.Group.IsArchived && (s.EndedAt == null || s.EndedAt > context.Now))
            .ToListAsync(cancellationToken);
        var upcoming = series.SelectMany(s => Occurrences.Next(s, context.Now, 1)).OrderBy(o => o.Start).Take(3).ToList();
        if (upcoming.Count == 0)
        {
            b.Line("None scheduled yet.");
        }

        foreach (var o in upcoming)
        {
            b.Line(Line.Of(new Strong(o.Series.Title), new Text($" ({o.Series.Group.Slug}) — "), new Timestamp(o.Start, context.Caller.TimeZone ?? o.Series.TimeZone)));
        }

        b.Section("Credit and citations");
        b.Line(Line.Of(new Text("Record what you do for a project with "), new Code("/credit add <project> me <role>"), new Text("; a convener confirms it and author lists follow.")));
        b.Line(Line.Of(new Text("Using a dataset? "), new Code("/dataset cite <dataset>"), new Text(" gives its citation; "), new Code("/dataset list"), new Text(" shows them all.")));
        var home = context.Options.Link("/");
        b.Line(Line.Of(new Text("Everything is also on the web: "), new Link(home, home)));
        return b.Build();
    }
}
