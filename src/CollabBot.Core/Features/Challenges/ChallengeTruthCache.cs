using System.Collections.Concurrent;
using CollabBot.Core.Challenges;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Challenges;

/// <summary>
/// Loaded truths, one per challenge and truth row, so a million-row truth is parsed once rather than for each
/// submission. A new upload has a new truth id, so a stale entry is never used; entries hold no text of the truth
/// beyond what <see cref="Truth"/> keeps for scoring.
/// </summary>
public sealed class ChallengeTruthCache
{
    private readonly ConcurrentDictionary<int, (int TruthId, Truth Truth)> byChallenge = new();

    /// <summary>The challenge's current truth, loaded from the database on first use; null when it has none.</summary>
    public async Task<Truth?> GetAsync(CollabBotDbContext db, Challenge challenge, CancellationToken cancellationToken)
    {
        if (challenge.TruthId is not { } truthId)
        {
            return null;
        }

        if (byChallenge.TryGetValue(challenge.Id, out var cached) && cached.TruthId == truthId)
        {
            return cached.Truth;
        }

        var content = await db.ChallengeTruths.AsNoTracking().Where(t => t.Id == truthId).Select(t => t.Content).SingleAsync(cancellationToken);
        using var stream = new MemoryStream(content, writable: false);
        if (!Truth.TryLoad(stream, ChallengeRules.Setup(challenge), long.MaxValue, out var truth, out var error, cancellationToken))
        {
            // It loaded when it was uploaded; only a change of the challenge's setup since could make it fail.
            throw new InvalidOperationException($"The stored truth of challenge {challenge.Id} no longer loads: {error.Rule}");
        }

        Put(challenge.Id, truthId, truth);
        return truth;
    }

    /// <summary>Keeps a truth just loaded (at upload) so the first submission does not load it again.</summary>
    public void Put(int challengeId, int truthId, Truth truth) => byChallenge[challengeId] = (truthId, truth);
}
