using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Credit;

/// <summary>Telling contributors about decisions, shared by confirm and reject (<see cref="ContributionReference"/> finds the contributions).</summary>
internal static class CreditDecisions
{
    /// <summary>Each contributor hears once about their contributions that were just decided.</summary>
    public static async Task TellContributorsAsync(CommandContext context, IEnumerable<Contribution> decided, Func<List<Contribution>, Reply> message, CancellationToken cancellationToken)
    {
        foreach (var byPerson in decided.GroupBy(c => c.PersonId))
        {
            await context.Outbox.ToPersonAsync(byPerson.First().Person, message([.. byPerson]), cancellationToken);
        }
    }
}
