using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>A <c>talk</c> argument, a talk's number: the talk (not removed) with its series and group; it belongs to whoever added it and to its speaker.</summary>
public sealed class TalkReference : ReferenceResolver
{
    public override OptionType Type => OptionType.Talk;

    public override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var id in values.Cast<long>().Distinct())
        {
            var talk = id is > 0 and <= int.MaxValue
                ? await db.Talks.Include(t => t.Series).ThenInclude(s => s.Group).FirstOrDefaultAsync(t => t.Id == id && t.RemovedAt == null, cancellationToken)
                : null;
            if (talk is null)
            {
                return Problem(Reply.NotFound($"There is no talk {id} on any agenda. /meeting agenda <meeting> shows talk numbers."));
            }

            found.Add(new Reference(talk, talk.Series.Group, $"talk {talk.Id}")
            {
                Owners = talk.SpeakerPersonId is { } speaker ? [talk.AddedByPersonId, speaker] : [talk.AddedByPersonId],
                OwnersDescription = $"the person who added talk {talk.Id} or its speaker",
            });
        }

        return Found(found);
    }
}
