using System.Security.Cryptography;

namespace CollabBot.Core.Challenges;

/// <summary>
/// What a challenge decides about its truth: the metrics it is scored with (primary first, then secondaries), its
/// secret seed and the fraction of the truth's rows that form the public part (see <see cref="PublicSplit"/> for how
/// the seed picks them). A change to any of these needs the truth loaded again.
/// </summary>
/// <param name="Metrics">Primary metric first; at least one, no metric twice.</param>
/// <param name="Seed">The challenge's own random seed (<see cref="NewSeed"/>), kept secret like the truth.</param>
/// <param name="PublicFraction">0 to 1: the share of rows scored on the public board while the challenge is open.</param>
public sealed record TruthSetup(IReadOnlyList<Metric> Metrics, ReadOnlyMemory<byte> Seed, double PublicFraction)
{
    /// <summary>A fresh 32-byte seed from the system's cryptographic generator, for a new challenge.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(32);

    /// <summary>Throws for a setup no challenge can have: these are the caller's checks, not the user's.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Metrics);
        if (Metrics.Count == 0 || Metrics.Any(m => m is null) || Metrics.Distinct().Count() != Metrics.Count)
        {
            throw new ArgumentException("A challenge needs at least one metric, none of them twice.", nameof(Metrics));
        }

        if (Seed.IsEmpty)
        {
            throw new ArgumentException("The seed is empty; use TruthSetup.NewSeed().", nameof(Seed));
        }

        if (!(PublicFraction >= 0 && PublicFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(PublicFraction), PublicFraction, "The public fraction must be between 0 and 1.");
        }
    }
}
