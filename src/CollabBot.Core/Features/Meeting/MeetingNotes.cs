using CollabBot.Core.Calendars;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>
/// Records an occurrence's minutes, a link or a short text; a correction is a new row and the latest is shown (on the
/// agenda, the group's page and in the calendar feed). The linked channels are told.
/// </summary>
[Command("meeting notes")]
public sealed class MeetingNotes : CommandHandler<MeetingNotes.Args>
{
    public const int MaxText = 4000;

    public sealed record Args(string? Text, string? Date, string? Url);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();
        var text = args.Text?.Trim() is { Length: > 0 } t ? t : null;
        if ((text is null) == (args.Url is null))
        {
            return Reply.Invalid("Give the minutes either as a text in quotes or as --url, one of the two.", context.Usage);
        }

        if (text is { Length: > MaxText })
        {
            return Reply.Invalid($"Minutes as text are at most {MaxText} characters; put longer ones somewhere and give --url.", context.Usage);
        }

        var missing = FindOccurrence(series, args.Date, context.Now, out var occurrence, context.Usage);
        if (missing is not null)
        {
            return missing;
        }

        var date = MeetingTime.FormatDate(occurrence!.OriginalDate);
        context.Db.MeetingMinutes.Add(new MeetingMinutes
        {
            SeriesId = series.Id,
            OccurrenceDate = date,
            Url = args.Url,
            Text = text,
            AddedByPersonId = context.Caller.Id,
            AddedAt = context.Now,
        });

        var announcement = new ReplyBuilder($"Minutes: {series.Title}")
            .Line(Line.Of(new Text($"The minutes of the {series.Group.Name} meeting of "), new Timestamp(occurrence.Start, series.TimeZone), new Text(":")))
            .Line(args.Url is not null ? Line.Of(new Link(args.Url, args.Url)) : (Line)text!)
            .Build();
        await context.Outbox.ToGroupChannelsAsync(series.Group, announcement, cancellationToken);
        return Reply.Message(Line.Of(new Text($"Recorded the minutes of the {MeetingRefs.Reference(series)} meeting of {date}. They show on its agenda, the group's page and the calendar feed; the linked channels are told.")));
    }

    /// <summary>The occurrence minutes are of: the one on <paramref name="date"/> when given, else the last one held.</summary>
    public static Reply? FindOccurrence(MeetingSeries series, string? date, DateTimeOffset now, out Occurrence? occurrence, string? usage = null)
    {
        if (date is not null)
        {
            return MeetingRefs.FindOccurrence(series, date, out occurrence);
        }

        occurrence = Occurrences.Between(series, now.AddDays(-400), now).LastOrDefault();
        return occurrence is null
            ? Reply.Invalid($"{MeetingRefs.Reference(series)} has not met yet; give --date for the meeting the minutes are of.", usage)
            : null;
    }

    /// <summary>The latest minutes of each occurrence and the themes, as lines for the calendar feed's descriptions.</summary>
    public static async Task<IReadOnlyList<FeedNote>> FeedNotesAsync(CollabBotDbContext db, IReadOnlyList<int> seriesIds, CancellationToken cancellationToken)
    {
        var themes = await db.TopicIdeas.AsNoTracking()
            .Where(t => t.SeriesId != null && seriesIds.Contains(t.SeriesId.Value) && t.Status == TopicIdeaStatus.Scheduled && t.OccurrenceDate != null)
            .Select(t => new FeedNote(t.SeriesId!.Value, t.OccurrenceDate!, "Theme: " + t.Title))
            .ToListAsync(cancellationToken);
        var minutes = await db.MeetingMinutes.AsNoTracking()
            .Where(m => seriesIds.Contains(m.SeriesId))
            .OrderBy(m => m.AddedAt).ThenBy(m => m.Id)
            .Select(m => new { m.SeriesId, m.OccurrenceDate, m.Url, m.Text })
            .ToListAsync(cancellationToken);
        var latest = minutes.GroupBy(m => (m.SeriesId, m.OccurrenceDate)).Select(g => g.Last())
            .Select(m => new FeedNote(m.SeriesId, m.OccurrenceDate, "Minutes: " + (m.Url ?? m.Text)));
        return [.. themes, .. latest];
    }

    /// <summary>The latest minutes of one occurrence, as an agenda line.</summary>
    public static async Task<Line?> LineAsync(CollabBotDbContext db, int seriesId, string date, CancellationToken cancellationToken)
    {
        var latest = await db.MeetingMinutes.AsNoTracking()
            .Where(m => m.SeriesId == seriesId && m.OccurrenceDate == date)
            .OrderByDescending(m => m.AddedAt).ThenByDescending(m => m.Id)
            .Select(m => new { m.Url, m.Text })
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null
            : latest.Url is not null ? Line.Of(new Text("Minutes: "), new Link(latest.Url, latest.Url))
            : Line.Of(new Text("Minutes: " + latest.Text));
    }
}
