using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

/// <summary>Loading and permission-checking the contributions a convener decides on, shared by confirm and reject.</summary>
internal static class CreditDecisions
{
    /// <summary>
    /// The contributions with these ids, or a reply: one that does not exist, or whose group the caller does not
    /// convene, refuses the whole command so that a decision is never half applied.
    /// </summary>
    public static async Task<(List<Contribution> Contributions, Reply? Problem)> LoadAsync(CommandContext context, IReadOnlyList<long> ids, string what, CancellationToken cancellationToken)
    {
        var wanted = ids.Where(i => i is > 0 and <= int.MaxValue).Select(i => (int)i).Distinct().ToList();
        var found = await context.Db.Contributions
            .Include(c => c.Project).ThenInclude(p => p.Group)
            .Include(c => c.Person)
            .Where(c => wanted.Contains(c.Id))
            .ToListAsync(cancellationToken);
        var missing = ids.Where(i => found.All(c => c.Id != i)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing.Select(i => $"#{i}"));
            return ([], Reply.NotFound($"There is no contribution {list}. /credit pending shows the ones waiting for you; nothing was changed."));
        }

        foreach (var group in found.Select(c => c.Project.Group).DistinctBy(g => g.Id))
        {
            if (!await CreditProjects.CanDecideAsync(context, group, cancellationToken))
            {
                var theirs = string.Join(", ", found.Where(c => c.Project.GroupId == group.Id).Select(c => $"#{c.Id}"));
                return ([], CreditProjects.RefusedDecision(group, $"{what} contributions to its projects ({theirs}); nothing was changed"));
            }
        }

        // Keep the order the ids were given in.
        return ([.. ids.Select(i => found.First(c => c.Id == i)).DistinctBy(c => c.Id)], null);
    }

    /// <summary>Each contributor hears once about their contributions that were just decided.</summary>
    public static async Task TellContributorsAsync(CommandContext context, IEnumerable<Contribution> decided, Func<List<Contribution>, Reply> message, CancellationToken cancellationToken)
    {
        foreach (var byPerson in decided.GroupBy(c => c.PersonId))
        {
            await context.Outbox.ToPersonAsync(byPerson.First().Person, message([.. byPerson]), cancellationToken);
        }
    }
}
