using System.Globalization;
using System.Text.RegularExpressions;
using CollabBot.Core.Data;
using CollabBot.Core.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Web.Api;

/// <summary><c>GET /api/v1/meetings?from=&amp;to=&amp;wg=&amp;kind=</c>: every occurrence in a range, with its agenda.</summary>
public static partial class MeetingsApi
{
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(31);

    /// <summary>A year and a day: a calendar year from any date, and a bound on the work one request can ask for.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(366);

    /// <summary>
    /// The instants a range may lie in: the service's meetings are all well inside, and so is every answer a series
    /// gives (recurrences are expanded for at most 100,000 periods: 270 years of a daily series), while
    /// <c>9999-12-31</c> plus a day is past what a date can hold.
    /// </summary>
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc cref="Earliest"/>
    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The valid dates as the 400 answers say them.</summary>
    public static string ValidDates => $"dates from {Date(Earliest)} to {Date(Latest.AddDays(-1))} (UTC)";

    public static void MapMeetingsApi(this RouteGroupBuilder api) =>
        api.MapGet("/meetings", ListAsync)
            .WithName("listMeetings")
            .WithSummary("Meeting occurrences starting in [from, to), across groups or in one, cancelled ones included and flagged.")
            .WithDescription("from and to are ISO 8601: a date (2026-12-01, midnight UTC; as `to`, the whole day is included) "
                + "or an instant with an offset (2026-12-01T09:00:00Z, 2026-12-01T10:00:00+01:00). "
                + "Defaults: from now, to 31 days later; the range may span at most 366 days and lie between 1970-01-01 and 2199-12-31 (UTC).")
            .WithTags("Meetings")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<OccurrenceList>, ProblemHttpResult>> ListAsync(
        CollabBotDbContext db, TimeProvider clock, string? from, string? to, string? wg, string? kind, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!TryParse(from, endOfDay: false, out var start, out var problem) || !TryParse(to, endOfDay: true, out var end, out problem))
        {
            return ApiV1.BadRequest(problem);
        }

        var rangeStart = start ?? now;
        var rangeEnd = end ?? (rangeStart < Latest - DefaultSpan ? rangeStart + DefaultSpan : Latest);
        if (rangeEnd <= rangeStart)
        {
            return ApiV1.BadRequest($"'to' ({Instant(rangeEnd)}) must be after 'from' ({Instant(rangeStart)}).");
        }

        if (rangeEnd - rangeStart > MaxSpan)
        {
            return ApiV1.BadRequest($"The range from {Instant(rangeStart)} to {Instant(rangeEnd)} is longer than {MaxSpan.Days} days; ask for it in parts.");
        }

        var query = db.MeetingSeries.AsNoTracking().Include(s => s.Group).Include(s => s.Changes).Where(s => !s.Group.IsArchived);
        if (wg is { Length: > 0 })
        {
            var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == wg.ToLowerInvariant(), cancellationToken);
            if (group is null)
            {
                return await GroupsApi.GroupNotFoundAsync(wg, db, cancellationToken);
            }

            query = query.Where(s => s.GroupId == group.Id);
        }

        if (kind is { Length: > 0 })
        {
            query = query.Where(s => s.Kind == kind.ToLowerInvariant());
        }

        var series = await query.ToListAsync(cancellationToken);
        var occurrences = series
            .SelectMany(s => Occurrences.Between(s, rangeStart, rangeEnd, includeCancelled: true))
            .Where(o => o.Start < rangeEnd) // Between includes its end; the API's range is half-open so consecutive ranges do not overlap.
            .OrderBy(o => o.Start).ThenBy(o => o.Series.Group.Slug, StringComparer.Ordinal).ThenBy(o => o.Series.Slug, StringComparer.Ordinal)
            .ToList();

        var ids = occurrences.Select(o => o.Series.Id).Distinct().ToList();
        var talks = (await db.Talks.AsNoTracking()
                .Where(t => ids.Contains(t.SeriesId) && t.RemovedAt == null)
                .OrderBy(t => t.AddedAt).ThenBy(t => t.Id)
                .Select(t => new { t.SeriesId, t.OccurrenceDate, t.Title, Speaker = t.SpeakerPerson != null ? t.SpeakerPerson.DisplayName : t.SpeakerName, t.Minutes, t.Link })
                .ToListAsync(cancellationToken))
            .ToLookup(t => (t.SeriesId, t.OccurrenceDate));

        return TypedResults.Ok(new OccurrenceList(rangeStart.ToUniversalTime(), rangeEnd.ToUniversalTime(), [.. occurrences.Select(o =>
        {
            var s = o.Series;
            var date = MeetingTime.FormatDate(o.OriginalDate);
            return new ApiOccurrence(
                new ApiGroupRef(s.Group.Slug, s.Group.Name),
                $"{s.Group.Slug}/{s.Slug}",
                s.Title,
                s.Kind,
                date,
                o.Start.ToUniversalTime(),
                o.End.ToUniversalTime(),
                ApiTime.Local(o.StartLocal),
                s.TimeZone,
                o.Cancelled,
                o.Moved,
                o.Note,
                o.Reason,
                s.Where,
                s.Link is { } link ? Html.SafeUrl(link) : null,
                o.Cancelled ? [] : [.. talks[(s.Id, date)].Select(t => new ApiTalk(t.Title, t.Speaker, t.Minutes, t.Link is { } l ? Html.SafeUrl(l) : null))],
                new OccurrenceLinks($"/wg/{s.Group.Slug}", $"{ApiV1.Prefix}/groups/{s.Group.Slug}/meetings", $"/calendar/{s.Group.Slug}.ics"));
        })]));
    }

    /// <summary>A date (midnight UTC; as the end of a range, the next midnight) or an instant with an explicit offset.</summary>
    private static bool TryParse(string? text, bool endOfDay, out DateTimeOffset? value, out string problem)
    {
        value = null;
        problem = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        // A '+' in a query string that was not percent-encoded arrives as a space.
        var trimmed = text.Trim().Replace(' ', '+');
        var shown = Clip(trimmed, 40);
        if (DateOnlyPattern().IsMatch(trimmed) && DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // Checked before a day is added for 'to', which past 9999-12-31 does not exist.
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (midnight < Earliest || midnight >= Latest)
            {
                problem = $"'{shown}' is out of range: use {ValidDates}.";
                return false;
            }

            value = endOfDay ? midnight.AddDays(1) : midnight;
            return true;
        }

        if (InstantPattern().IsMatch(trimmed) && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            if (instant < Earliest || instant > Latest)
            {
                problem = $"'{shown}' is out of range: use {ValidDates}.";
                return false;
            }

            value = instant;
            return true;
        }

        problem = $"'{shown}' is not a date or an instant: use 2026-12-01, 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00 (an instant needs Z or an offset).";
        return false;
    }

    private static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}\z")]
    private static partial Regex DateOnlyPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z")]
    private static partial Regex InstantPattern();
}

/// <summary>Wall-clock times as the API writes them: ISO 8601 without an offset (the zone is given beside it).</summary>
public static class ApiTime
{
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    public static string Local(LocalDateTime local) => Pattern.Format(local);

    /// <summary>A stored "yyyy-MM-dd HH:mm" in ISO form; a value that does not parse is passed through rather than hidden.</summary>
    public static string Local(string stored) => MeetingTime.Parse(stored) is { } local ? Local(local) : stored;
}

public sealed record OccurrenceList(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ApiOccurrence> Occurrences);

public sealed record ApiOccurrence(
    ApiGroupRef Group,
    string Series,
    string Title,
    string Kind,
    string Date,
    DateTimeOffset Start,
    DateTimeOffset End,
    string StartLocal,
    string TimeZone,
    bool Cancelled,
    bool Moved,
    string? Note,
    string? Reason,
    string? Where,
    string? Link,
    IReadOnlyList<ApiTalk> Agenda,
    OccurrenceLinks Links);

public sealed record ApiGroupRef(string Slug, string Name);

public sealed record ApiTalk(string Title, string? Speaker, int Minutes, string? Link);

/// <summary>Paths on this service: the group's page (where its meetings are listed), the series in the API, the group's feed.</summary>
public sealed record OccurrenceLinks(string Page, string Series, string Calendar);
