using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CollabBot.Core.Challenges;

/// <summary>
/// Which truth rows form the public part, decided from the challenge's secret seed alone.
/// <para>
/// Each id gets the key HMAC-SHA256(seed, UTF-8 bytes of the id), read as its first 8 bytes, big-endian, unsigned.
/// Ids are ranked by that key (ties, which would need a 64-bit collision, by ordinal id), and the first
/// round(fraction × rows) ids, rounding halves up, are public; the rest are private.
/// </para>
/// <para>
/// Why a keyed hash and an exact count: the assignment depends only on the seed, the fraction and the set of ids (not
/// their order in the file, not the time, not a random generator's implementation), so it is the same on every
/// machine, restart and .NET version and can be recomputed by anyone who holds the seed (the fixtures' Python script
/// does). Without the seed nobody can tell which ids are public. The exact count makes "30 % public" mean exactly
/// that, even for small test sets, where a per-id coin flip could leave a part empty or one-sided.
/// </para>
/// </summary>
internal static class PublicSplit
{
    /// <summary>The number of public rows for a fraction of <paramref name="rows"/>.</summary>
    public static int PublicCount(int rows, double fraction) =>
        (int)Math.Min(rows, Math.Floor(fraction * rows + 0.5));

    /// <summary>Marks the public ids (by position in <paramref name="ids"/>).</summary>
    public static bool[] Assign(IReadOnlyList<string> ids, ReadOnlySpan<byte> seed, double fraction, CancellationToken cancellationToken)
    {
        var count = ids.Count;
        var keys = new ulong[count];
        var order = new int[count];
        using (var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, seed))
        {
            Span<byte> digest = stackalloc byte[32];
            var buffer = ArrayPool<byte>.Shared.Rent(256);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    if ((i & 0xFFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    var id = ids[i];
                    var length = Encoding.UTF8.GetMaxByteCount(id.Length);
                    if (length > buffer.Length)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(length);
                    }

                    var written = Encoding.UTF8.GetBytes(id, buffer);
                    hmac.AppendData(buffer, 0, written);
                    hmac.GetHashAndReset(digest);
                    keys[i] = BinaryPrimitives.ReadUInt64BigEndian(digest);
                    order[i] = i;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        Array.Sort(keys, order);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, Comparer<int>.Create((a, b) => string.CompareOrdinal(ids[a], ids[b])));
            }

            start = end;
        }

        var isPublic = new bool[count];
        var publicCount = PublicCount(count, fraction);
        for (var rank = 0; rank < publicCount; rank++)
        {
            isPublic[order[rank]] = true;
        }

        return isPublic;
    }
}
