using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CollabBot.Console;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Challenges;
using CollabBot.Core.Features.Profile;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>
/// <c>POST /api/v1/challenges/{slug}/submissions</c> on the real service: multipart with a personal API token, 202 with
/// the id when queued, 401 without or with a revoked token, 413 past Challenges:MaxUploadBytes (declared or streamed),
/// 400 with the reason for bad input, 403 when the challenge's rules refuse, 404 for an unknown challenge.
/// </summary>
public sealed class ChallengeSubmissionApiTests(ChallengeSubmissionApiTests.SmallUploads factory) : IClassFixture<ChallengeSubmissionApiTests.SmallUploads>
{
    private const string Slug = "api-tagging";
    private const int MaxBytes = 4096;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Predictions(int rows = 30) => "id,score\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"ev{i:00},{(i % 3 == 0 ? 0.9 : 0.2)}\n"));

    [Fact]
    public async Task Submit_WithTokenAndFile_Is202AndQueuedWithItsDetails()
    {
        var token = await ReadyAsync("console:api-one");

        using var response = await PostAsync(token, Form(Predictions(), ("method", "BDT"), ("description", "Boosted trees"), ("code", "https://github.com/example/bdt"), ("paper", "https://arxiv.org/abs/2401.00001"), ("time-per-event", "3ms")));

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var id = json.RootElement.GetProperty("id").GetInt32();
        Assert.Equal(Slug, json.RootElement.GetProperty("challenge").GetString());
        Assert.Equal("queued", json.RootElement.GetProperty("state").GetString());
        var submission = await QueryAsync(db => db.ChallengeSubmissions.SingleAsync(s => s.Id == id, Ct));
        Assert.Equal("api", submission.Source);
        Assert.Equal("BDT", submission.Method);
        Assert.Equal("Boosted trees", submission.Description);
        Assert.Equal("https://github.com/example/bdt", submission.CodeUrl);
        Assert.Equal("https://arxiv.org/abs/2401.00001", submission.PaperUrl);
        Assert.Equal(3, submission.TimePerEventMs);
        Assert.Equal(Encoding.UTF8.GetByteCount(Predictions()), submission.FileBytes);
        Assert.Equal(json.RootElement.GetProperty("sha256").GetString(), submission.FileSha256);
        var person = await QueryAsync(db => db.Identities.Where(i => i.Key == "console:api-one").Select(i => i.PersonId).SingleAsync(Ct));
        Assert.Equal(person, submission.PersonId);
        Assert.True(await QueryAsync(db => db.Audit.AnyAsync(a => a.Actor == "console:api-one" && a.Platform == "api" && a.Entity == nameof(ChallengeSubmission), Ct)));
    }

    [Fact]
    public async Task Submit_WithoutOrWithARevokedToken_Is401AndNothingIsRead()
    {
        var token = await ReadyAsync("console:api-two");
        await SayAsync("console:api-two", "/profile token --revoke");

        using var none = await PostAsync(null, Form(Predictions()));
        using var revoked = await PostAsync(token, Form(Predictions()));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("revoked", await revoked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(await QueryAsync(db => db.ChallengeSubmissions.AnyAsync(s => s.Person.Identities.Any(i => i.Key == "console:api-two"), Ct)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Submit_LargerThanMaxUploadBytes_Is413(bool declared)
    {
        var token = await ReadyAsync("console:api-three");
        var big = Predictions(rows: 600); // past the 4 KiB limit, within the framing allowance: the file part itself is cut
        Assert.True(Encoding.UTF8.GetByteCount(big) > MaxBytes);
        using var content = Form(big);
        HttpContent sent = content;
        if (!declared)
        {
            // No Content-Length: the file part is counted as it streams and cut one byte past the limit.
            sent = new StreamContent(new NoLengthStream(await content.ReadAsByteArrayAsync(Ct)));
            sent.Headers.ContentType = content.Headers.ContentType;
        }

        using var response = await PostAsync(token, sent);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Challenges:MaxUploadBytes", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(await QueryAsync(db => db.ChallengeSubmissions.AnyAsync(s => s.Person.Identities.Any(i => i.Key == "console:api-three"), Ct)));
    }

    [Fact]
    public async Task Submit_DeclaredFarPastTheLimit_Is413BeforeTheBodyIsRead()
    {
        var token = await ReadyAsync("console:api-four");
        var stream = new NoLengthStream(new byte[16]);
        using var content = new StreamContent(stream);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");
        content.Headers.ContentLength = 10L * 1024 * 1024 * 1024;

        using var response = await PostAsync(token, content);

        // The body is 16 bytes that say they are 10 GiB: only the declared length can have refused it.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Challenges:MaxUploadBytes", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "no file", "no part named 'file'" },
        { "not multipart", "Send multipart/form-data" },
        { "unknown field", "'colour' is not a field of a submission" },
        { "bad time", "'time-per-event' must be a time such as 3ms" },
        { "bad code url", "'code' must be a web address" },
        { "method too long", "'method' can be at most 200 characters" },
        { "empty file", "The file is empty" },
        { "two files", "one 'file' part" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Submit_BadInput_Is400WithTheReason(string problem, string reason)
    {
        var token = await ReadyAsync("console:api-five");
        HttpContent content = problem switch
        {
            "no file" => Form(null, ("method", "BDT")),
            "not multipart" => new StringContent(Predictions(), Encoding.UTF8, "text/csv"),
            "unknown field" => Form(Predictions(), ("colour", "blue")),
            "bad time" => Form(Predictions(), ("time-per-event", "fast")),
            "bad code url" => Form(Predictions(), ("code", "ftp://example.org/x")),
            "method too long" => Form(Predictions(), ("method", new string('m', 201))),
            "empty file" => Form(""),
            "two files" => TwoFiles(),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        using var response = await PostAsync(token, content);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        content.Dispose();
    }

    [Fact]
    public async Task Submit_UnknownChallenge_Is404WithASuggestion()
    {
        var token = await ReadyAsync("console:api-six");

        using var response = await factory.CreateClient().SendAsync(Request(token, "/api/v1/challenges/api-taging/submissions", Form(Predictions())), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("did you mean api-tagging", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ChallengeNotOpen_Is403SayingWhy()
    {
        var token = await ReadyAsync("console:api-seven");
        await SayAsync("console:amara", "/challenge create api-calo api-draft \"Draft challenge\" --metric auc");

        using var response = await factory.CreateClient().SendAsync(Request(token, "/api/v1/challenges/api-draft/submissions", Form(Predictions())), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("api-draft", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>The shared open challenge (made once per fixture) and a fresh token for <paramref name="identity"/>.</summary>
    private async Task<string> ReadyAsync(string identity)
    {
        await factory.OpenChallengeAsync();
        var reply = await SayAsync(identity, "/profile token");
        return reply.Sections.SelectMany(s => s.Lines).SelectMany(l => l.Parts).OfType<Code>().Select(c => c.Value).Single(v => v.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal));
    }

    private async Task<Reply> SayAsync(string identity, string line)
    {
        var reply = await factory.Services.GetRequiredService<ConsolePlatform>().SayAsync(line, identity, null, Ct);
        Assert.True(reply.Status == ReplyStatus.Ok, $"{line}: {reply.Plain}");
        return reply;
    }

    private Task<HttpResponseMessage> PostAsync(string? token, HttpContent content) =>
        factory.CreateClient().SendAsync(Request(token, $"/api/v1/challenges/{Slug}/submissions", content), Ct);

    private static HttpRequestMessage Request(string? token, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static MultipartFormDataContent Form(string? csv, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (csv is not null)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
            form.Add(file, "file", "predictions.csv");
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static MultipartFormDataContent TwoFiles()
    {
        var form = Form(Predictions());
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Predictions())), "file", "again.csv");
        return form;
    }

    private async Task<T> QueryAsync<T>(Func<CollabBotDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>());
    }

    /// <summary>A body that does not say how long it is (sent chunked), counting what was read of it.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += n;
            return n;
        }
    }

    /// <summary>The service with a 4 KiB upload limit and one open challenge on a calorimetry dataset, its truth stored directly.</summary>
    public sealed class SmallUploads : ServiceFactory
    {
        private readonly SemaphoreSlim once = new(1, 1);
        private bool ready;

        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Challenges:MaxUploadBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        public async Task OpenChallengeAsync()
        {
            await once.WaitAsync(Ct);
            try
            {
                if (ready)
                {
                    return;
                }

                var console = Services.GetRequiredService<ConsolePlatform>();
                foreach (var line in new[]
                {
                    "/dataset register calorimetry api-calo \"API calo\" --repo collab-demo/api-calo",
                    $"/challenge create api-calo {Slug} \"Tagging by API\" --metric auc --daily-limit 20",
                })
                {
                    var reply = await console.SayAsync(line, "console:amara", null, Ct);
                    Assert.True(reply.Status == ReplyStatus.Ok, $"{line}: {reply.Plain}");
                }

                await using (var scope = Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
                    var challenge = await db.Challenges.Include(c => c.Dataset).ThenInclude(d => d.Group).SingleAsync(c => c.Slug == Slug, Ct);
                    var amara = await db.Identities.Where(i => i.Key == "console:amara").Select(i => i.Person).SingleAsync(Ct);
                    var truth = "id,label\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"ev{i:00},{(i % 3 == 0 ? 1 : 0)}\n"));
                    using var file = new MemoryStream(Encoding.UTF8.GetBytes(truth));
                    var stored = await scope.ServiceProvider.GetRequiredService<ChallengeTruths>().UploadAsync(db, challenge, amara, file, DateTimeOffset.UtcNow, Ct);
                    Assert.True(stored.Status == ReplyStatus.Ok, stored.Plain);
                    await db.SaveChangesAsync(Ct);
                }

                var open = await console.SayAsync($"/challenge open {Slug}", "console:amara", null, Ct);
                Assert.True(open.Status == ReplyStatus.Ok, open.Plain);
                ready = true;
            }
            finally
            {
                once.Release();
            }
        }
    }
}
