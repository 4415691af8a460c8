namespace CollabBot.Core.Downloads;

/// <summary>
/// An <see cref="IncomingFile"/> fetched in a command's fetch step (before its transaction), held in its temporary
/// file until the command ends. The change step reads it with <see cref="Read"/> as often as it runs again after a
/// concurrent change; the bytes are fetched once.
/// </summary>
public sealed class FetchedFile : IAsyncDisposable
{
    private readonly OpenedFile opened;

    private FetchedFile(OpenedFile opened, string source)
    {
        this.opened = opened;
        Source = source;
    }

    /// <summary>How it arrived (<see cref="IncomingFile.Source"/>).</summary>
    public string Source { get; }

    /// <summary>Why the file could not be had (too large, refused address, the host's status); null when it was fetched.</summary>
    public string? Error => opened.Error;

    public bool IsOpen => opened.IsOpen;

    public static async Task<FetchedFile> FetchAsync(IncomingFile file, long maxBytes, CancellationToken cancellationToken) =>
        new(await file.OpenAsync(maxBytes, cancellationToken), file.Source);

    /// <summary>The content from its start. Disposing the stream returned leaves the file for another read; disposing this deletes it.</summary>
    public Stream Read()
    {
        var stream = opened.Stream ?? throw new InvalidOperationException($"The file was not fetched: {opened.Error}");
        stream.Position = 0;
        return new Borrowed(stream);
    }

    public ValueTask DisposeAsync() => opened.DisposeAsync();

    /// <summary>A read-only view of a stream that someone else owns: closing it does not close that stream.</summary>
    private sealed class Borrowed(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
