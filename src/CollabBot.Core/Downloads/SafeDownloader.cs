using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Downloads;

public enum DownloadFailure
{
    None,

    /// <summary>Not an absolute http(s) address, or one with a user name or password in it.</summary>
    NotHttp,

    /// <summary>The host resolves only to addresses the rules refuse (and is not listed in <c>Challenges:DownloadHosts</c>).</summary>
    RefusedAddress,

    /// <summary>The host name does not resolve.</summary>
    UnknownHost,
    TooLarge,
    Timeout,
    TooManyRedirects,

    /// <summary>The server answered with a status that is not a success (see <see cref="DownloadResult.Status"/>).</summary>
    HttpStatus,
    NetworkError,
}

/// <summary>A header sent with a download only to one host, such as Slack's file host with the bot token.</summary>
public sealed record DownloadCredential(string Host, string HeaderName, string Value)
{
    public override string ToString() => $"DownloadCredential {{ Host = {Host}, HeaderName = {HeaderName} }}";
}

public sealed record DownloadRequest(Uri Url)
{
    /// <summary>GET by default; HEAD for a link check.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>At most this many bytes (after decompression); null means <c>Challenges:MaxUploadBytes</c>.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>For the whole download, redirects and body included; null means <see cref="SafeDownloader.DefaultTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }
    public DownloadCredential? Credential { get; init; }

    /// <summary>Read the body (into the destination, if any); false stops after the status and headers.</summary>
    public bool ReadBody { get; init; } = true;
}

/// <param name="FinalUrl">Where the last request went, after redirects.</param>
/// <param name="Status">The last HTTP status, or null when no response came.</param>
/// <param name="Error">A sentence for people when it failed.</param>
public sealed record DownloadResult(DownloadFailure Failure, Uri FinalUrl, int? Status, long Bytes, string? ContentType, int Redirects, string? Error)
{
    public bool IsSuccess => Failure == DownloadFailure.None;
}

/// <summary>
/// Every download the service makes goes through here: http(s) only; the host's addresses resolved and checked
/// (<see cref="AddressRules"/>) unless listed in <c>Challenges:DownloadHosts</c>, and the connection made to the
/// address that was checked (a second DNS answer cannot swap it, so no rebinding); redirects followed by hand, at
/// most <see cref="MaxRedirects"/>, each target checked again; the body counted while it streams and cut at the
/// byte limit, never buffered first; one deadline for it all; and a credential sent only to its own host, never
/// again once a redirect has left that host.
/// </summary>
public sealed partial class SafeDownloader : IDisposable
{
    public const int MaxRedirects = 5;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly IOptionsMonitor<ChallengesOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<SafeDownloader> logger;
    private readonly HttpClient http;

    public SafeDownloader(IOptionsMonitor<ChallengesOptions> options, TimeProvider clock, ILogger<SafeDownloader> logger)
    {
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            Credentials = null,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        };
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("CollabBot", "1.0"));
    }

    /// <summary>Downloads into <paramref name="destination"/> (which may hold part of the body when the limit or deadline cut it off).</summary>
    public async Task<DownloadResult> DownloadAsync(DownloadRequest request, Stream? destination, CancellationToken cancellationToken = default)
    {
        var url = request.Url;
        if (!IsHttp(url))
        {
            return Fail(DownloadFailure.NotHttp, url, null, 0, $"Only http and https addresses can be downloaded, not '{Clip(url.OriginalString, 60)}'.");
        }

        var max = request.MaxBytes ?? options.CurrentValue.MaxUploadBytes;
        using var deadline = new CancellationTokenSource(request.Timeout ?? DefaultTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var credentialAllowed = request.Credential is not null;
        var redirects = 0;
        try
        {
            while (true)
            {
                using var message = new HttpRequestMessage(request.Method, url);
                if (credentialAllowed && request.Credential is { } credential)
                {
                    if (string.Equals(url.IdnHost, credential.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        message.Headers.TryAddWithoutValidation(credential.HeaderName, credential.Value);
                    }
                    else
                    {
                        credentialAllowed = false;
                    }
                }

                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    if (++redirects > MaxRedirects)
                    {
                        return Fail(DownloadFailure.TooManyRedirects, url, status, 0, $"{url.Host} redirected more than {MaxRedirects} times.", redirects);
                    }

                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (!IsHttp(next))
                    {
                        return Fail(DownloadFailure.NotHttp, next, status, 0, $"{url.Host} redirected to '{Clip(next.OriginalString, 60)}', which is not an http or https address.", redirects);
                    }

                    // Once the chain leaves the credential's host, the credential stays behind, even if it comes back.
                    if (request.Credential is { } c && !string.Equals(next.IdnHost, c.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        credentialAllowed = false;
                    }

                    url = next;
                    continue;
                }

                var contentType = response.Content.Headers.ContentType?.MediaType;
                if (!response.IsSuccessStatusCode)
                {
                    return Fail(DownloadFailure.HttpStatus, url, status, 0, $"{url.Host} answered {status} {response.ReasonPhrase}.", redirects, contentType);
                }

                if (response.Content.Headers.ContentLength is { } length && length > max)
                {
                    return Fail(DownloadFailure.TooLarge, url, status, 0, TooLarge(max), redirects, contentType);
                }

                if (!request.ReadBody || request.Method == HttpMethod.Head)
                {
                    return new DownloadResult(DownloadFailure.None, url, status, 0, contentType, redirects, null);
                }

                var bytes = await CopyAsync(response, destination, max, linked.Token);
                return bytes > max
                    ? Fail(DownloadFailure.TooLarge, url, status, bytes, TooLarge(max), redirects, contentType)
                    : new DownloadResult(DownloadFailure.None, url, status, bytes, contentType, redirects, null);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Fail(DownloadFailure.Timeout, url, null, 0, $"{url.Host} took longer than {(request.Timeout ?? DefaultTimeout).TotalSeconds:0.#} s.", redirects);
        }
        catch (HttpRequestException ex) when (Find<RefusedAddressException>(ex) is { } refused)
        {
            LogRefused(logger, url.Host, refused.Reason);
            return Fail(DownloadFailure.RefusedAddress, url, null, 0, $"{url.Host} is {refused.Reason}; downloads from there are not allowed unless a deployer lists the host in Challenges:DownloadHosts.", redirects);
        }
        catch (HttpRequestException ex) when (Find<SocketException>(ex) is { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData })
        {
            return Fail(DownloadFailure.UnknownHost, url, null, 0, $"There is no host called {url.Host}.", redirects);
        }
        catch (HttpRequestException ex)
        {
            return Fail(DownloadFailure.NetworkError, url, null, 0, $"{url.Host} could not be reached ({ex.HttpRequestError}).", redirects);
        }
        catch (IOException)
        {
            return Fail(DownloadFailure.NetworkError, url, null, 0, $"The connection to {url.Host} broke off.", redirects);
        }
    }

    /// <summary>The whole body as bytes, for small files (imports); the limit applies as for any download.</summary>
    public async Task<(DownloadResult Result, byte[] Body)> GetBytesAsync(DownloadRequest request, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var result = await DownloadAsync(request, buffer, cancellationToken);
        return (result, result.IsSuccess ? buffer.ToArray() : []);
    }

    private static async Task<long> CopyAsync(HttpResponseMessage response, Stream? destination, long max, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > max)
            {
                // Stop reading here: the rest is never fetched, and what was read past the limit is not written.
                return total;
            }

            if (destination is not null)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        return total;
    }

    /// <summary>Resolves the host, keeps the addresses the rules allow, and connects to one of those very addresses.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var listed = options.CurrentValue.IsListed(host.Trim('[', ']'));
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = listed ? addresses : [.. addresses.Where(AddressRules.IsPublic)];
        if (allowed.Length == 0)
        {
            throw new RefusedAddressException(addresses.Length == 0 ? "unresolvable" : AddressRules.Describe(addresses[0]));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsHttp(Uri url) =>
        url.IsAbsoluteUri && url.Scheme is "http" or "https" && string.IsNullOrEmpty(url.UserInfo) && url.Host.Length > 0;

    private static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static DownloadResult Fail(DownloadFailure failure, Uri url, int? status, long bytes, string error, int redirects = 0, string? contentType = null) =>
        new(failure, url, status, bytes, contentType, redirects, error);

    private static string TooLarge(long max) => $"The file is larger than the limit of {max:N0} bytes (Challenges:MaxUploadBytes).";

    public void Dispose() => http.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Download from {Host} refused: it is {Reason}")]
    private static partial void LogRefused(ILogger logger, string host, string reason);

    private sealed class RefusedAddressException(string reason) : IOException(reason)
    {
        public string Reason { get; } = reason;
    }
}
