using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>A <c>swap</c> argument, <c>#3</c>: the proposed swap with its duty, series and group; it is addressed to whom it asks (<c>who: addressee</c>).</summary>
public sealed class SwapReference : ReferenceResolver
{
    public override OptionType Type => OptionType.Swap;

    public override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var id in values.Cast<long>().Distinct())
        {
            var swap = id is > 0 and <= int.MaxValue
                ? await db.DutySwaps
                    .Include(s => s.Duty).ThenInclude(d => d.Series).ThenInclude(s => s.Group)
                    .Include(s => s.From).Include(s => s.To)
                    .FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
                : null;
            if (swap is null)
            {
                return Problem(Reply.NotFound($"There is no duty swap #{id}. /meeting duty list <meeting> shows the swaps proposed."));
            }

            found.Add(new Reference(swap, swap.Duty.Series.Group, $"swap #{swap.Id}")
            {
                Owners = [swap.ToPersonId],
                OwnersDescription = $"{People.Name(swap.To)}, whom swap #{swap.Id} asks,",
            });
        }

        return Found(found);
    }
}
