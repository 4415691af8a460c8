using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>
/// A <c>swap</c> argument, <c>#3</c>: the proposed swap with its duty, series and group; it is addressed to whom it asks
/// (<c>who: addressee</c>: accept, decline) and owned by whoever proposed it (<c>who: owner</c>: withdraw).
/// </summary>
public sealed class SwapReference : NumberReferenceResolver<DutySwap>
{
    public override OptionType Type => OptionType.Swap;

    protected override Task<DutySwap?> FindAsync(CollabBotDbContext db, int id, CancellationToken cancellationToken) =>
        db.DutySwaps
            .Include(s => s.Duty).ThenInclude(d => d.Series).ThenInclude(s => s.Group)
            .Include(s => s.From).Include(s => s.To)
            .FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    protected override string NotFound(long id) => $"There is no duty swap #{id}. /meeting duty list <meeting> shows the swaps proposed.";

    protected override Reference ReferenceTo(DutySwap swap) => new(swap, swap.Duty.Series.Group, $"swap #{swap.Id}")
    {
        Owners = [swap.FromPersonId],
        OwnersDescription = $"{People.Name(swap.From)}, who proposed swap #{swap.Id}",
        Addressees = [swap.ToPersonId],
        AddresseesDescription = $"{People.Name(swap.To)}, whom swap #{swap.Id} asks,",
    };
}
