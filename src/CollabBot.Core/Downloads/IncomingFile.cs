using CollabBot.Core.Values;

namespace CollabBot.Core.Downloads;

/// <summary>
/// A file that came with a command, whatever the platform: a Discord attachment, a file shared in Slack with the
/// command as its message, an address given with <c>--url</c>, or the file part of an API upload. A handler sees its
/// name and (when the platform says) its size, and opens it as a stream of at most a given number of bytes; the bytes
/// are fetched only then, under <see cref="SafeDownloader"/>'s rules, into a temporary file that is deleted when the
/// stream is disposed. It is never buffered in memory whole, and never kept.
/// </summary>
public abstract class IncomingFile
{
    private protected IncomingFile(string name, long? size)
    {
        Name = Clean(name);
        Size = size;
    }

    /// <summary>The file's name as its platform gave it (control characters removed, at most 200 characters); for replies only.</summary>
    public string Name { get; }

    /// <summary>The size the platform declared, when it declared one; the stream is counted regardless.</summary>
    public long? Size { get; }

    /// <summary>Where it came from, for sentences: "the Discord attachment", "the Slack file", "the address", "the upload".</summary>
    public abstract string Origin { get; }

    /// <summary>How it arrived, as a short key for records: <c>discord-attachment</c>, <c>slack-file</c>, <c>url</c>, <c>api</c>.</summary>
    public abstract string Source { get; }

    /// <summary>
    /// The content, readable from the start, at most <paramref name="maxBytes"/> bytes; or a sentence saying why not
    /// (too large, refused address, timeout, the host's status). The caller disposes the result.
    /// </summary>
    public abstract Task<OpenedFile> OpenAsync(long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>A file at an address a person typed (<c>--url</c>): downloaded without any credential.</summary>
    public static IncomingFile FromUrl(Uri url, SafeDownloader downloader) =>
        new RemoteFile(NameFrom(url), null, url, null, downloader, "the address", "url");

    /// <summary>The last path segment of an address, or "download".</summary>
    public static string NameFrom(Uri url) =>
        Uri.UnescapeDataString(url.Segments.LastOrDefault()?.Trim('/') ?? "") is { Length: > 0 } last ? last : "download";

    /// <summary>A sentence for a file larger than the limit.</summary>
    public static string TooLarge(string origin, long size, long max) =>
        $"{char.ToUpperInvariant(origin[0])}{origin[1..]} is {size:N0} bytes, more than the limit of {max:N0} bytes (Challenges:MaxUploadBytes).";

    private static string Clean(string name)
    {
        var visible = InputRules.Visible(name.Trim());
        return visible.Length == 0 ? "file" : visible.Length > 200 ? visible[..200] + "…" : visible;
    }

    public override string ToString() => $"{Origin} {Name}";

    /// <summary>
    /// Opens the file for a consumer that takes a stream opener and reports failures by exception (such as
    /// <c>ChallengeSubmissions.AcceptAsync</c>): the stream, or <paramref name="unavailable"/>'s exception with the sentence.
    /// </summary>
    public async Task<Stream> OpenOrThrowAsync(long maxBytes, Func<string, Exception> unavailable, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(maxBytes, cancellationToken);
        return opened.Stream ?? throw unavailable(opened.Error ?? $"{Origin} could not be read.");
    }
}

/// <summary>An opened <see cref="IncomingFile"/>: the stream, or why there is none. Disposing deletes any temporary copy.</summary>
public sealed class OpenedFile : IAsyncDisposable, IDisposable
{
    private OpenedFile(Stream? stream, long length, string? error)
    {
        Stream = stream;
        Length = length;
        Error = error;
    }

    public Stream? Stream { get; }

    public long Length { get; }

    public string? Error { get; }

    public bool IsOpen => Stream is not null;

    public static OpenedFile Of(Stream stream) => new(stream, stream.Length, null);

    public static OpenedFile Failed(string error) => new(null, 0, error);

    public ValueTask DisposeAsync() => Stream?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => Stream?.Dispose();

    /// <summary>A temporary file that deletes itself when closed.</summary>
    internal static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), "collabbot-in-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}

/// <summary>A file behind an http(s) address, fetched with <see cref="SafeDownloader"/>; a credential goes to its own host only.</summary>
public sealed class RemoteFile(string name, long? size, Uri url, DownloadCredential? credential, SafeDownloader downloader, string origin, string source) : IncomingFile(name, size)
{
    public override string Origin { get; } = origin;

    public override string Source { get; } = source;

    /// <summary>Where it is fetched from (for tests and logs; a Slack address is not a secret, the token is).</summary>
    public Uri Url { get; } = url;

    public DownloadCredential? Credential { get; } = credential;

    public override async Task<OpenedFile> OpenAsync(long maxBytes, CancellationToken cancellationToken = default)
    {
        if (Size > maxBytes)
        {
            return OpenedFile.Failed(TooLarge(Origin, Size.Value, maxBytes));
        }

        var file = OpenedFile.TemporaryFile();
        try
        {
            var result = await downloader.DownloadAsync(new DownloadRequest(Url) { MaxBytes = maxBytes, Credential = Credential }, file, cancellationToken);
            if (!result.IsSuccess)
            {
                await file.DisposeAsync();
                return OpenedFile.Failed($"{char.ToUpperInvariant(Origin[0])}{Origin[1..]} ({Name}) could not be fetched: {result.Error}");
            }

            file.Position = 0;
            return OpenedFile.Of(file);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}

/// <summary>
/// A file already here (the file part of an API upload, counted and cut at the limit as it arrived). It belongs to
/// whoever made it: opening hands over the stream, once.
/// </summary>
public sealed class ReceivedFile : IncomingFile, IAsyncDisposable
{
    private Stream? content;

    private ReceivedFile(string name, Stream content)
        : base(name, content.Length) => this.content = content;

    public override string Origin => "the upload";

    public override string Source => "api";

    /// <summary>Copies at most <paramref name="maxBytes"/> bytes of <paramref name="source"/> to a temporary file; null when there are more.</summary>
    public static async Task<ReceivedFile?> CopyAsync(string name, Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var file = OpenedFile.TemporaryFile();
        try
        {
            var within = await Inbound.BoundedBody.ConsumeAsync(source, null, maxBytes, (chunk, count) => file.Write(chunk, 0, count), cancellationToken);
            if (!within)
            {
                await file.DisposeAsync();
                return null;
            }

            file.Position = 0;
            return new ReceivedFile(name, file);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public override Task<OpenedFile> OpenAsync(long maxBytes, CancellationToken cancellationToken = default)
    {
        var stream = Interlocked.Exchange(ref content, null);
        if (stream is null)
        {
            return Task.FromResult(OpenedFile.Failed("The upload was already read."));
        }

        if (stream.Length > maxBytes)
        {
            stream.Dispose();
            return Task.FromResult(OpenedFile.Failed(TooLarge(Origin, Size!.Value, maxBytes)));
        }

        return Task.FromResult(OpenedFile.Of(stream));
    }

    /// <summary>Deletes the temporary copy if nobody opened it.</summary>
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref content, null)?.DisposeAsync() ?? ValueTask.CompletedTask;
}
