using System.Buffers;

namespace CollabBot.Core.Inbound;

/// <summary>
/// Reading a request body from the platforms (Slack, Discord, GitHub) without trusting its size: a body declared
/// larger than the limit is refused before one byte is read, and an undeclared (chunked) one is read at most one
/// byte past the limit, so a stranger's endless stream costs the limit in memory, not the stream. One helper for
/// every adapter, on a plain <see cref="Stream"/> so the core stays free of ASP.NET Core.
/// </summary>
public static class BoundedBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>
    /// The whole body when it holds at most <paramref name="limit"/> bytes; null when it holds more (or says it
    /// does in <paramref name="declaredLength"/>, the Content-Length), which the caller answers with 413.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (declaredLength > limit)
        {
            return null;
        }

        // A declared length sizes the buffer once; otherwise it grows with what arrives, never past limit + 1.
        using var buffer = new MemoryStream(declaredLength is { } declared ? (int)declared : 0);
        var within = await ConsumeAsync(body, null, limit, (chunk, count) => buffer.Write(chunk, 0, count), cancellationToken);
        return within ? buffer.ToArray() : null;
    }

    /// <summary>
    /// Passes the body through <paramref name="onChunk"/> without keeping it (to hash a body that will not be parsed);
    /// false as soon as it proves longer than <paramref name="limit"/>.
    /// </summary>
    public static async Task<bool> ConsumeAsync(Stream body, long? declaredLength, long limit, Action<byte[], int> onChunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(onChunk);
        if (declaredLength > limit)
        {
            return false;
        }

        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            while (true)
            {
                // Never ask for more than one byte past the limit: that byte is the proof the body is too long.
                var wanted = (int)Math.Min(ChunkSize, limit + 1 - total);
                var read = await body.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    return true;
                }

                total += read;
                if (total > limit)
                {
                    return false;
                }

                onChunk(chunk, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
