namespace CollabBot.Tests.Shared;

/// <summary>
/// A request body that would be <c>length</c> bytes long (gigabytes, if asked) but is produced as it is read,
/// counting what was read: proof that an endpoint refused it without reading it all. Sent as a
/// <c>StreamContent</c>, it has no Content-Length, so the server cannot refuse it by its header alone.
/// </summary>
public sealed class EndlessBody(long length, byte fill = (byte)'a') : Stream
{
    private long position;

    /// <summary>The bytes handed out so far.</summary>
    public long BytesRead => Interlocked.Read(ref position);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The length is not told, as with a chunked body.");

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - BytesRead);
        buffer[..n].Fill(fill);
        Interlocked.Add(ref position, n);
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
