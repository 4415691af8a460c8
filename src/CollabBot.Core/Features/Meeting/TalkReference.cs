using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>A <c>talk</c> argument, a talk's number: the talk (not removed) with its series and group; it belongs to whoever added it and to its speaker.</summary>
public sealed class TalkReference : NumberReferenceResolver<Talk>
{
    public override OptionType Type => OptionType.Talk;

    protected override Task<Talk?> FindAsync(CollabBotDbContext db, int id, CancellationToken cancellationToken) =>
        db.Talks.Include(t => t.Series).ThenInclude(s => s.Group).FirstOrDefaultAsync(t => t.Id == id && t.RemovedAt == null, cancellationToken);

    protected override string NotFound(long id) => $"There is no talk {id} on any agenda. /meeting agenda <meeting> shows talk numbers.";

    protected override Reference ReferenceTo(Talk talk) => new(talk, talk.Series.Group, $"talk {talk.Id}")
    {
        Owners = talk.SpeakerPersonId is { } speaker ? [talk.AddedByPersonId, speaker] : [talk.AddedByPersonId],
        OwnersDescription = $"the person who added talk {talk.Id} or its speaker",
    };
}
