using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace CollabBot.Core.Challenges;

/// <summary>
/// A read-only pass-through in front of the CSV reader that judges the bytes before they are decoded: the size limit,
/// NUL bytes and invalid UTF-8 (a decoder would silently turn them into U+FFFD), and, for a truth, its SHA-256.
/// Sep and StreamReader read ahead, so a verdict here may come before the parser reaches earlier rows; these rules
/// are about the whole file, so that order is right. A broken rule stops the read with <see cref="FileRejectedException"/>,
/// which the loaders turn into a <see cref="FileError"/>.
/// </summary>
internal sealed class GuardedStream(Stream inner, long maxBytes, IncrementalHash? hash) : Stream
{
    private readonly byte[] pending = new byte[4];
    private int pendingCount;
    private long newlines;
    private bool ended;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (ended)
        {
            return 0;
        }

        var read = inner.Read(buffer);
        if (read == 0)
        {
            ended = true;
            if (pendingCount > 0)
            {
                throw NotUtf8(checked((int)newlines + 1));
            }

            return 0;
        }

        Inspect(buffer[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The refusal for a file whose size is known before reading to exceed the limit.</summary>
    public static FileError TooLarge(long maxBytes) =>
        new(null, FileRule.TooLarge, $"The file is larger than the limit of {DescribeBytes(maxBytes)}.");

    private void Inspect(ReadOnlySpan<byte> data)
    {
        BytesRead += data.Length;
        if (BytesRead > maxBytes)
        {
            throw new FileRejectedException(TooLarge(maxBytes));
        }

        var nul = data.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new FileRejectedException(new FileError(LineAt(data, nul), FileRule.Binary,
                string.Create(CultureInfo.InvariantCulture, $"Line {LineAt(data, nul)} contains a NUL byte: this is a binary file, not CSV text. Send a UTF-8 CSV file.")));
        }

        var start = CompletePending(data);
        if (start >= 0)
        {
            var rest = data[start..];
            var tail = IncompleteTail(rest);
            var body = rest[..^tail];
            if (!Utf8.IsValid(body))
            {
                throw NotUtf8(LineAt(data, start + FirstInvalid(body)));
            }

            rest[^tail..].CopyTo(pending);
            pendingCount = tail;
        }

        hash?.AppendData(data);
        newlines += data.Count((byte)'\n');
    }

    /// <summary>
    /// Finishes a sequence split across reads; returns how many bytes of <paramref name="data"/> it used, or -1 when
    /// all of them went into a sequence that is still not complete.
    /// </summary>
    private int CompletePending(ReadOnlySpan<byte> data)
    {
        if (pendingCount == 0)
        {
            return 0;
        }

        Span<byte> joined = stackalloc byte[8];
        pending.AsSpan(0, pendingCount).CopyTo(joined);
        var taken = Math.Min(4, data.Length);
        data[..taken].CopyTo(joined[pendingCount..]);
        var status = Rune.DecodeFromUtf8(joined[..(pendingCount + taken)], out _, out var consumed);
        if (status == OperationStatus.Done)
        {
            var used = consumed - pendingCount;
            pendingCount = 0;
            return used;
        }

        if (status == OperationStatus.NeedMoreData && taken == data.Length)
        {
            // A read of one or two bytes in the middle of a sequence: keep waiting.
            data.CopyTo(pending.AsSpan(pendingCount));
            pendingCount += data.Length;
            return -1;
        }

        throw NotUtf8(checked((int)newlines + 1));
    }

    /// <summary>Length of a multi-byte sequence that starts near the end of the buffer but is not complete in it.</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> data)
    {
        for (var back = 1; back <= Math.Min(3, data.Length); back++)
        {
            var b = data[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? back : 0;
        }

        return 0;
    }

    private static int FirstInvalid(ReadOnlySpan<byte> data)
    {
        var index = 0;
        while (index < data.Length && Rune.DecodeFromUtf8(data[index..], out _, out var consumed) == OperationStatus.Done)
        {
            index += consumed;
        }

        return index;
    }

    private int LineAt(ReadOnlySpan<byte> data, int index) => checked((int)(newlines + data[..index].Count((byte)'\n') + 1));

    private static FileRejectedException NotUtf8(int line) =>
        new(new FileError(line, FileRule.Binary,
            string.Create(CultureInfo.InvariantCulture, $"Line {line} is not valid UTF-8 text: this is a binary file or text in another encoding. Save the CSV file as UTF-8.")));

    private static string DescribeBytes(long bytes) => bytes switch
    {
        // Binary units, named as the settings and the issue name them (Challenges:MaxUploadBytes 104857600 is "100 MB").
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):0.#} MB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 10):0.#} kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}

/// <summary>Stops a read that broke a file rule; never leaves the loaders.</summary>
internal sealed class FileRejectedException(FileError error) : Exception(error.Message)
{
    public FileError Error { get; } = error;
}
