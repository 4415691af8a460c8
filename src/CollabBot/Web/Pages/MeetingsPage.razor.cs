using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Meetings;
using CollabBot.Core.Values;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Web.Pages;

public sealed partial class MeetingsPage
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>Every IANA zone, for the time zone field's suggestions.</summary>
    private static readonly IReadOnlyList<string> Zones = [.. Core.Values.Zones.All.Order(StringComparer.Ordinal)];

    /// <summary>
    /// What the meetings page shows: the filter form's choices and values, a problem with them if any, and the
    /// meetings (null when there is nothing to list: a group that does not exist).
    /// </summary>
    public sealed record View(
        IReadOnlyList<(string Slug, string Name)> Groups,
        IReadOnlyList<string> Kinds,
        string? Wg,
        string? Kind,
        string? TypedZone,
        string? ReaderZone,
        string? Problem,
        string? GroupName,
        IReadOnlyList<UpcomingMeeting>? Meetings,
        string Feed,
        string Webcal);

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    private string Scope => Model.Wg is null ? "" : " of " + (Model.GroupName ?? Model.Wg);

    public static async Task<IResult> HandleAsync(string? wg, string? kind, string? tz, CollabBotDbContext db, IOptions<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var groups = (await db.Groups.AsNoTracking().Where(g => !g.IsArchived).OrderBy(g => g.Name).Select(g => new { g.Slug, g.Name }).ToListAsync(cancellationToken))
            .Select(g => (g.Slug, g.Name)).ToList();
        var kinds = await MeetingViews.ActiveSeries(db).Select(s => s.Kind).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);

        wg = Blank(wg)?.ToLowerInvariant();
        kind = Blank(kind)?.ToLowerInvariant();
        var readerZone = Core.Values.Zones.Canonical(Blank(tz));
        string? problem = null;
        var status = StatusCodes.Status200OK;
        if (wg is not null && groups.All(g => g.Slug != wg))
        {
            var all = await db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken);
            problem = all.Contains(wg)
                ? $"The working group {wg} is archived and holds no meetings."
                : $"There is no working group '{Clip(wg, Echoed)}'{Suggest.DidYouMean(wg, all)}.";
            status = all.Contains(wg) ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
        }
        else if (Blank(tz) is { } typed && readerZone is null)
        {
            problem = $"'{Clip(typed, Echoed)}' is not a time zone I know. Use an IANA id such as Europe/Zurich, America/Chicago or UTC{Suggest.DidYouMean(typed, Core.Values.Zones.All)}.";
            status = StatusCodes.Status400BadRequest;
        }

        // Nothing to list for a group that does not exist; the sentence and the form say what to do.
        IReadOnlyList<UpcomingMeeting>? meetings = null;
        if (status != StatusCodes.Status404NotFound)
        {
            var query = MeetingViews.ActiveSeries(db);
            if (wg is not null)
            {
                query = query.Where(s => s.Group.Slug == wg);
            }

            if (kind is not null)
            {
                query = query.Where(s => s.Kind == kind);
            }

            var series = await query.ToListAsync(cancellationToken);
            var occurrences = series.SelectMany(s => Occurrences.Between(s, now, now + Window, includeCancelled: true))
                .OrderBy(o => o.Start).ThenBy(o => o.Series.Group.Name).ToList();
            meetings = await MeetingViews.WithAgendasAsync(db, occurrences, cancellationToken);
        }

        var feed = wg is not null && groups.Any(g => g.Slug == wg) ? $"/calendar/{wg}.ics" : "/calendar.ics";
        var view = new View(
            groups,
            kinds,
            wg,
            kind,
            readerZone ?? Blank(tz),
            readerZone,
            problem,
            groups.FirstOrDefault(g => g.Slug == wg).Name,
            meetings,
            feed,
            MeetingViews.Webcal(bot.Value, feed));
        return Dashboard.Page<MeetingsPage>(new { Model = view }, status);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>What the page echoes of a filter value: the first 64 characters, so a huge query stays out of the page.</summary>
    private const int Echoed = 64;
}
