using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Features.Meeting;

/// <summary>A <c>meeting</c> argument, <c>#12</c> or <c>wg/series</c>: the series with its group and changes.</summary>
public sealed class MeetingReference : ReferenceResolver
{
    public override OptionType Type => OptionType.Meeting;

    public override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var value in values.Cast<string>())
        {
            var (series, problem) = await FindAsync(db, value, cancellationToken);
            if (problem is not null)
            {
                return Problem(problem);
            }

            if (found.All(r => r.Entity != series))
            {
                found.Add(new Reference(series!, series!.Group, MeetingRefs.Reference(series)));
            }
        }

        return Found(found);
    }

    private static async Task<(MeetingSeries? Series, Reply? Problem)> FindAsync(CollabBotDbContext db, string reference, CancellationToken cancellationToken)
    {
        var text = reference.Trim();
        var query = db.MeetingSeries.Include(s => s.Group).Include(s => s.Changes);
        if (text.StartsWith('#') && int.TryParse(text[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var byId = await query.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            return byId is null
                ? (null, Reply.NotFound($"There is no meeting series #{id}. /meeting list <wg> shows a group's series."))
                : (byId, null);
        }

        if (text.Split('/') is [var wg, var slug] && wg.Length > 0 && slug.Length > 0)
        {
            wg = wg.ToLowerInvariant();
            slug = slug.ToLowerInvariant();
            var series = await query.FirstOrDefaultAsync(s => s.Group.Slug == wg && s.Slug == slug, cancellationToken);
            if (series is not null)
            {
                return (series, null);
            }

            var known = await db.MeetingSeries.Select(s => s.Group.Slug + "/" + s.Slug).ToListAsync(cancellationToken);
            return (null, Reply.NotFound($"There is no meeting series '{Clip(text, 60)}'{Suggest.DidYouMean(text.ToLowerInvariant(), known)}. /meeting list {Clip(wg, 60)} shows that group's series."));
        }

        return (null, Reply.Invalid($"'{Clip(text, 60)}' is not a meeting reference: use #<id> (e.g. #3) or <wg>/<series> (e.g. calorimetry/monthly-meeting)."));
    }
}
