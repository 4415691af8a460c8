using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>Who said they come: counts for everyone, names for conveners; the buttons; telling those coming of a change.</summary>
public static class Rsvps
{
    public sealed record Counts(int Yes, int Maybe, int No, IReadOnlyList<string> YesNames, IReadOnlyList<string> MaybeNames, IReadOnlyList<string> NoNames)
    {
        public int Total => Yes + Maybe + No;
    }

    public static async Task<Counts> CountsAsync(CollabBotDbContext db, int seriesId, string date, CancellationToken cancellationToken)
    {
        var rows = await db.Rsvps.AsNoTracking()
            .Where(r => r.SeriesId == seriesId && r.OccurrenceDate == date)
            .OrderBy(r => r.At).ThenBy(r => r.Id)
            .Select(r => new { r.Answer, r.Person.DisplayName })
            .ToListAsync(cancellationToken);
        List<string> Names(RsvpAnswer a) => [.. rows.Where(r => r.Answer == a).Select(r => r.DisplayName)];
        var yes = Names(RsvpAnswer.Yes);
        var maybe = Names(RsvpAnswer.Maybe);
        var no = Names(RsvpAnswer.No);
        return new Counts(yes.Count, maybe.Count, no.Count, yes, maybe, no);
    }

    /// <summary>"3 going, 1 maybe, 2 can't".</summary>
    public static string Describe(Counts counts) => $"{counts.Yes} going, {counts.Maybe} maybe, {counts.No} can't";

    /// <summary>The RSVP lines of an agenda: counts, and for a convener who answered what.</summary>
    public static IReadOnlyList<Line> Lines(Counts counts, bool withNames)
    {
        if (counts.Total == 0)
        {
            return ["RSVPs: none yet."];
        }

        var lines = new List<Line> { $"RSVPs: {Describe(counts)}." };
        if (withNames)
        {
            foreach (var (label, names) in new[] { ("Going", counts.YesNames), ("Maybe", counts.MaybeNames), ("Can't", counts.NoNames) })
            {
                if (names.Count > 0)
                {
                    lines.Add($"    {label}: {string.Join(", ", names)}");
                }
            }
        }

        return lines;
    }

    /// <summary>Going / Maybe / Can't for one occurrence: each answers the presser alone and leaves the message.</summary>
    public static IReadOnlyList<ReplyAction> Buttons(Occurrence occurrence)
    {
        var line = $"/meeting rsvp #{occurrence.Series.Id} {{0}} --date {MeetingTime.FormatDate(occurrence.OriginalDate)}";
        return
        [
            new ReplyAction("Going", string.Format(System.Globalization.CultureInfo.InvariantCulture, line, "yes"), Primary: true, KeepsMessage: true),
            new ReplyAction("Maybe", string.Format(System.Globalization.CultureInfo.InvariantCulture, line, "maybe"), Primary: true, KeepsMessage: true),
            new ReplyAction("Can't", string.Format(System.Globalization.CultureInfo.InvariantCulture, line, "no"), Primary: false, KeepsMessage: true),
        ];
    }

    /// <summary>
    /// Those who said yes or maybe to an occurrence hear of its move or cancellation in a direct message, once each
    /// (<paramref name="change"/> is part of the key: a second move is news again).
    /// </summary>
    public static async Task<int> TellComingAsync(CollabBotDbContext db, OutboxWriter outbox, Occurrence occurrence, string change, Reply message, CancellationToken cancellationToken)
    {
        var date = MeetingTime.FormatDate(occurrence.OriginalDate);
        var people = await db.Rsvps.Where(r => r.SeriesId == occurrence.Series.Id && r.OccurrenceDate == date && r.Answer != RsvpAnswer.No)
            .Select(r => r.Person).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            await outbox.ToPersonAsync(person, message, new SendOptions(DedupeKey: $"rsvp:{occurrence.Series.Id}:{date}:{change}:{person.Id}"), cancellationToken);
        }

        return people.Count;
    }
}
