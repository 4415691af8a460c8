using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Seeding;

public static partial class SeedLoader
{
    /// <summary>Series by (group, slug), and a new series' talks on its next occurrence; a series already there is left alone, talks and all.</summary>
    private static async Task<(int Meetings, int Talks)> LoadMeetingsAsync(CollabBotDbContext db, SeedFile seed, Dictionary<string, Person> people, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int newMeetings = 0, newTalks = 0;
        foreach (var g in seed.Groups.Where(g => g.Meetings.Count > 0))
        {
            var group = await db.Groups.FirstAsync(x => x.Slug == g.Slug, cancellationToken);
            var taken = await db.MeetingSeries.Where(s => s.GroupId == group.Id).Select(s => s.Slug).ToListAsync(cancellationToken);
            foreach (var m in g.Meetings)
            {
                var slug = SeriesSlug(m);
                if (taken.Contains(slug))
                {
                    continue;
                }

                var (series, schedule) = NewSeries(m, group.TimeZone, now, source, g.Slug);
                series.Group = group;
                series.GroupId = group.Id;
                series.Slug = slug;
                if (m.Alternate is not null)
                {
                    series.AlternateKinds = MeetingKinds.Validate(m.Alternate, out var kinds) is { } bad ? throw new SeedException($"{source}: {g.Slug}: meeting '{m.Title}': {bad}") : kinds;
                }

                db.MeetingSeries.Add(series);
                newMeetings++;
                AddDuties(db, m, series, schedule, people, source, g.Slug, now);
                if (m.Talks.Count == 0 && m.Rsvps is null)
                {
                    continue;
                }

                // The talks go on the next occurrence; a one-off's only occurrence is its own, even once past.
                var date = schedule.IsRecurring ? Occurrences.Next(series, now, 1).FirstOrDefault()?.OriginalDate : schedule.Start.Date;
                if (date is null)
                {
                    throw new SeedException($"{source}: {g.Slug}: meeting '{m.Title}' has talks or RSVPs but no upcoming date to hold them.");
                }

                foreach (var (ids, answer) in m.Rsvps is { } r ? new[] { (r.Yes, RsvpAnswer.Yes), (r.Maybe, RsvpAnswer.Maybe), (r.No, RsvpAnswer.No) } : [])
                {
                    foreach (var id in ids)
                    {
                        db.Rsvps.Add(new Rsvp { Series = series, OccurrenceDate = MeetingTime.FormatDate(date.Value), Person = Known(people, id, source, g.Slug), Answer = answer, At = now });
                    }
                }

                foreach (var t in m.Talks)
                {
                    var speaker = people[t.Speaker];
                    db.Talks.Add(new Talk
                    {
                        Series = series,
                        OccurrenceDate = MeetingTime.FormatDate(date.Value),
                        Title = t.Title.Trim(),
                        SpeakerPerson = speaker,
                        Minutes = t.Minutes,
                        Link = t.Link is null ? null : new Uri(t.Link).AbsoluteUri,
                        AddedByPersonId = speaker.Id,
                        AddedAt = now,
                    });
                    newTalks++;
                }
            }
        }

        return (newMeetings, newTalks);
    }

    /// <summary>
    /// Duties whose volunteers joined the day before the series' first date (or now, for a series yet to begin), so the
    /// occurrences already held have served turns, chosen by the same rotation as every later one.
    /// </summary>
    private static void AddDuties(CollabBotDbContext db, SeedMeeting m, MeetingSeries series, Schedule schedule, Dictionary<string, Person> people, string source, string group, DateTimeOffset now)
    {
        var first = MeetingTime.Resolve(schedule.Start, series.TimeZone).Start.AddDays(-1);
        var since = first < now ? first : now;
        foreach (var d in m.Duties)
        {
            var duty = new MeetingDuty { Series = series, Name = d.Name, CreatedAt = since };
            duty.Volunteers.AddRange(d.Volunteers.Distinct(StringComparer.Ordinal).Select((v, i) => new DutyVolunteer { Duty = duty, Person = Known(people, v, source, group), At = since.AddSeconds(i) }));
            db.MeetingDuties.Add(duty);
        }
    }

    private static string SeriesSlug(SeedMeeting m) => m.Slug ?? MeetingRefs.SlugFrom(m.Title);

    /// <summary>
    /// A series from a seed entry: <c>when</c> parsed as <c>/meeting schedule --when</c> parses it, anchored on
    /// today in the series' zone (or on <c>start</c>); with <c>once</c>, only the first date of that schedule.
    /// </summary>
    private static (MeetingSeries Series, Schedule Schedule) NewSeries(SeedMeeting m, string groupZone, DateTimeOffset now, string source, string group)
    {
        var zone = Zones.Canonical(m.Tz) ?? groupZone;
        var today = MeetingTime.ToLocal(now, zone).Date;
        if (!WhenParser.TryParse(m.When, m.Start, today, out var schedule, out var error))
        {
            throw new SeedException($"{source}: {group}: meeting '{m.Title}': {error}");
        }

        if (m.Once)
        {
            schedule = new Schedule(null, schedule!.Start);
        }

        var series = new MeetingSeries
        {
            Slug = "",
            Title = m.Title.Trim(),
            Kind = m.Kind.Trim().ToLowerInvariant(),
            Rule = schedule!.Rule?.ToString(),
            StartLocal = MeetingTime.Format(schedule.Start),
            TimeZone = zone,
            DurationMinutes = m.Duration,
            Where = m.Where?.Trim(),
            Link = m.Link is null ? null : new Uri(m.Link).AbsoluteUri,
            ReminderOffsets = m.Remind is null ? null : m.Remind.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) ? "" : m.Remind.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(),
            CreatedAt = now,
        };
        return (series, schedule);
    }
}
