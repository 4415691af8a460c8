using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

/// <summary>
/// A <c>contribution</c> argument, one number or several: the contributions with their project, group and person, in
/// the order given. One that does not exist fails the whole command, so a decision is never half applied.
/// </summary>
public sealed class ContributionReference : ReferenceResolver
{
    public override OptionType Type => OptionType.Contribution;

    public override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var ids = values.Cast<long>().Distinct().ToList();
        var wanted = ids.Where(i => i is > 0 and <= int.MaxValue).Select(i => (int)i).ToList();
        var found = await db.Contributions
            .Include(c => c.Project).ThenInclude(p => p.Group)
            .Include(c => c.Person)
            .Where(c => wanted.Contains(c.Id))
            .ToListAsync(cancellationToken);
        var missing = ids.Where(i => found.All(c => c.Id != i)).ToList();
        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing.Select(i => $"#{i}"));
            return Problem(Reply.NotFound($"There is no contribution {list}. /credit pending shows the ones waiting for you; nothing was changed."));
        }

        return Found([.. ids.Select(i => found.First(c => c.Id == i)).Select(c => new Reference(c, c.Project.Group, $"#{c.Id}"))]);
    }
}
