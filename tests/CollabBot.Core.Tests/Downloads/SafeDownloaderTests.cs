using System.Net;
using CollabBot.Core.Downloads;
using CollabBot.Core.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Tests.Downloads;

/// <summary>The real downloader against Kestrel on 127.0.0.1 (listed in Challenges:DownloadHosts for the cases that should reach it).</summary>
public sealed class SafeDownloaderTests : IAsyncLifetime
{
    private LocalWebServer server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await LocalWebServer.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    public static SafeDownloader Downloader(long maxBytes = ChallengesOptions.DefaultMaxUploadBytes, params string[] hosts) =>
        new(new StaticOptions(new ChallengesOptions { MaxUploadBytes = maxBytes, DownloadHosts = [.. hosts] }), TimeProvider.System, NullLogger<SafeDownloader>.Instance);

    private static SafeDownloader Listed(long maxBytes = ChallengesOptions.DefaultMaxUploadBytes) => Downloader(maxBytes, "127.0.0.1", "localhost");

    [Fact]
    public async Task Download_ListedLoopbackHost_ReturnsTheBody()
    {
        server.Text("/file.txt", "hello");
        using var downloader = Listed();

        var (result, body) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/file.txt")), Ct);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal(200, result.Status);
        Assert.Equal("text/plain", result.ContentType);
    }

    [Fact]
    public async Task Download_LoopbackNotListed_IsRefusedBeforeConnecting()
    {
        server.Text("/file.txt", "hello");
        using var downloader = Downloader();

        var (result, _) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/file.txt")), Ct);

        Assert.Equal(DownloadFailure.RefusedAddress, result.Failure);
        Assert.Contains("loopback", result.Error, StringComparison.Ordinal);
        Assert.Contains("Challenges:DownloadHosts", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Download_LocalhostByNameNotListed_IsRefused()
    {
        server.Text("/file.txt", "hello");
        using var downloader = Downloader(hosts: "127.0.0.1");

        var (result, _) = await downloader.GetBytesAsync(new DownloadRequest(new Uri(server.OtherHost, "/file.txt")), Ct);

        Assert.Equal(DownloadFailure.RefusedAddress, result.Failure);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("http://10.0.0.1/secret")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/x")]
    [InlineData("http://[::ffff:127.0.0.1]/x")]
    [InlineData("http://100.64.0.1/x")]
    [InlineData("http://192.168.1.1/x")]
    [InlineData("http://0.0.0.0/x")]
    public async Task Download_RedirectToPrivateAddress_IsRefused(string target)
    {
        server.Redirect("/go", target);
        using var downloader = Listed();

        var (result, _) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/go")), Ct);

        Assert.Equal(DownloadFailure.RefusedAddress, result.Failure);
        Assert.Equal(1, result.Redirects);
        Assert.Equal(new Uri(target).Host, result.FinalUrl.Host);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/file")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://127.0.0.1/")]
    [InlineData("http://user:secret@127.0.0.1/file")]
    public async Task Download_NonHttpAddress_IsRefused(string url)
    {
        using var downloader = Listed();

        var (result, _) = await downloader.GetBytesAsync(new DownloadRequest(new Uri(url)), Ct);

        Assert.Equal(DownloadFailure.NotHttp, result.Failure);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Download_RedirectToFileScheme_IsRefused()
    {
        server.Redirect("/go", "file:///etc/passwd");
        using var downloader = Listed();

        var (result, _) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/go")), Ct);

        Assert.Equal(DownloadFailure.NotHttp, result.Failure);
    }

    [Fact]
    public async Task Download_BodyOverLimitWithoutLength_IsCutOffAtTheLimit()
    {
        var chunk = new byte[64 * 1024];
        server.Map("/big", async c =>
        {
            // Chunked, no Content-Length: the limit must be enforced while reading.
            for (var i = 0; i < 64; i++)
            {
                await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
            }
        });
        using var downloader = Listed(maxBytes: 200_000);
        using var destination = new MemoryStream();

        var result = await downloader.DownloadAsync(new DownloadRequest(server.Url("/big")), destination, Ct);

        Assert.Equal(DownloadFailure.TooLarge, result.Failure);
        Assert.True(destination.Length <= 200_000, $"{destination.Length} bytes were written");
        Assert.True(result.Bytes < 64 * chunk.Length, "the whole body was read");
    }

    [Fact]
    public async Task Download_DeclaredLengthOverLimit_IsRefusedWithoutReading()
    {
        server.Map("/big", async c =>
        {
            c.Response.ContentLength = 5_000_000;
            await c.Response.Body.WriteAsync(new byte[1000], c.RequestAborted);
        });
        using var downloader = Listed(maxBytes: 1_000_000);
        using var destination = new MemoryStream();

        var result = await downloader.DownloadAsync(new DownloadRequest(server.Url("/big")), destination, Ct);

        Assert.Equal(DownloadFailure.TooLarge, result.Failure);
        Assert.Equal(0, destination.Length);
    }

    [Fact]
    public async Task Download_BodyAtTheLimit_IsAccepted()
    {
        server.Map("/exact", c => c.Response.Body.WriteAsync(new byte[1000], c.RequestAborted).AsTask());
        using var downloader = Listed(maxBytes: 1000);

        var (result, body) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/exact")), Ct);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(1000, body.Length);
    }

    [Fact]
    public async Task Download_SlowServer_TimesOut()
    {
        server.Map("/slow", async c =>
        {
            await c.Response.WriteAsync("start", c.RequestAborted);
            await c.Response.Body.FlushAsync(c.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted);
        });
        using var downloader = Listed();

        var (result, _) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/slow")) { Timeout = TimeSpan.FromMilliseconds(300) }, Ct);

        Assert.Equal(DownloadFailure.Timeout, result.Failure);
    }

    [Fact]
    public async Task Download_Redirects_AreFollowedAndCounted()
    {
        server.Redirect("/a", "/b", 301).Redirect("/b", "/c", 308).Text("/c", "done");
        using var downloader = Listed();

        var (result, body) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/a")), Ct);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(2, result.Redirects);
        Assert.Equal("/c", result.FinalUrl.AbsolutePath);
        Assert.Equal("done", System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task Download_RedirectLoop_StopsAfterTheLimit()
    {
        server.Redirect("/loop", "/loop");
        using var downloader = Listed();

        var (result, _) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/loop")), Ct);

        Assert.Equal(DownloadFailure.TooManyRedirects, result.Failure);
        Assert.Equal(SafeDownloader.MaxRedirects + 1, server.Count("/loop"));
    }

    [Fact]
    public async Task Download_Credential_SentToItsHostOnly_NotAfterARedirectElsewhere()
    {
        server.Redirect("/files/1", new Uri(server.OtherHost, "/elsewhere").AbsoluteUri).Text("/elsewhere", "x");
        using var downloader = Listed();
        var credential = new DownloadCredential("127.0.0.1", "Authorization", "Bearer xoxb-secret");

        var (result, _) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/files/1")) { Credential = credential }, Ct);

        Assert.True(result.IsSuccess, result.Error);
        var seen = server.Requests.ToList();
        Assert.Equal("Bearer xoxb-secret", seen.Single(r => r.Path == "/files/1").Authorization);
        Assert.Null(seen.Single(r => r.Path == "/elsewhere").Authorization);
    }

    [Fact]
    public async Task Download_Credential_NotSentBackAfterLeavingItsHost()
    {
        server.Redirect("/files/1", new Uri(server.OtherHost, "/bounce").AbsoluteUri)
            .Redirect("/bounce", server.Url("/final").AbsoluteUri)
            .Text("/final", "x");
        using var downloader = Listed();
        var credential = new DownloadCredential("127.0.0.1", "Authorization", "Bearer xoxb-secret");

        var (result, _) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/files/1")) { Credential = credential }, Ct);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Null(server.Requests.Single(r => r.Path == "/final").Authorization);
    }

    [Fact]
    public async Task Download_CredentialForAnotherHost_IsNeverSent()
    {
        server.Text("/file", "x");
        using var downloader = Listed();

        await downloader.GetBytesAsync(new DownloadRequest(server.Url("/file")) { Credential = new("files.slack.com", "Authorization", "Bearer xoxb-secret") }, Ct);

        Assert.Null(server.Requests.Single().Authorization);
    }

    [Fact]
    public async Task Download_ErrorStatus_IsReportedWithTheStatus()
    {
        using var downloader = Listed();

        var (result, _) = await downloader.GetBytesAsync(new DownloadRequest(server.Url("/missing")), Ct);

        Assert.Equal(DownloadFailure.HttpStatus, result.Failure);
        Assert.Equal(404, result.Status);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.127.255.255", false)]
    [InlineData("100.128.0.1", true)]
    [InlineData("169.254.169.254", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("188.184.21.108", true)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("::127.0.0.1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("2002:c0a8:0101::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("2001:4860:4860::8888", true)]
    public void IsPublic_Address_FollowsTheRules(string address, bool expected)
    {
        Assert.Equal(expected, AddressRules.IsPublic(IPAddress.Parse(address)));
    }

    [Fact]
    public void Validator_BadSettings_NameTheKey()
    {
        var result = new ChallengesOptionsValidator().Validate(null, new ChallengesOptions { MaxUploadBytes = 0, DownloadHosts = ["https://x.example/path"] });

        Assert.True(result.Failed);
        Assert.Contains("Challenges:MaxUploadBytes", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Challenges:DownloadHosts", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new ChallengesOptionsValidator().Validate(null, new ChallengesOptions { DownloadHosts = ["127.0.0.1", "files.intranet.example"] }).Succeeded);
    }

    private sealed class StaticOptions(ChallengesOptions value) : IOptionsMonitor<ChallengesOptions>
    {
        public ChallengesOptions CurrentValue => value;

        public ChallengesOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ChallengesOptions, string?> listener) => null;
    }
}
