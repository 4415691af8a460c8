using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CollabBot.Console;
using CollabBot.Core.Data;
using CollabBot.Core.Features.Profile;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CollabBot.IntegrationTests;

/// <summary>
/// <c>/profile token</c> and the bearer check of <c>/api/v1</c>: a token is shown once and only to its owner, the
/// database and the logs hold its hash at most, and a revoked, replaced or unknown token is a 401 with a reason.
/// </summary>
public sealed class ApiTokenTests(ApiTokenTests.LoggedFactory factory) : IClassFixture<ApiTokenTests.LoggedFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_Issued_IsShownOnceToItsOwnerOnlyAndAuthenticatesAsThem()
    {
        var reply = await SayAsync("console:token-one", "/profile token");

        Assert.False(reply.Public, "the token reply must be private (ephemeral on Slack and Discord)");
        var token = TokenIn(reply);
        using var me = await GetMeAsync(token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var json = JsonDocument.Parse(await me.Content.ReadAsStringAsync(Ct));
        Assert.Equal("token-one", json.RootElement.GetProperty("person").GetProperty("name").GetString());

        // Asked again, the command makes a new token; the old one is never shown again and stops working.
        var second = TokenIn(await SayAsync("console:token-one", "/profile token"));
        Assert.NotEqual(token, second);
        using var old = await GetMeAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Contains("revoked", await old.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var fresh = await GetMeAsync(second);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Token_StoredHashed_NeverInAnyTableOrLog()
    {
        var token = TokenIn(await SayAsync("console:token-two", "/profile token"));
        using (var me = await GetMeAsync(token))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var row = await db.ApiTokens.SingleAsync(t => t.IssuedBy == "console:token-two", Ct);
        Assert.Equal(ApiTokens.Hash(token), row.Hash);
        Assert.Equal(64, row.Hash.Length);
        Assert.NotNull(row.LastUsedAt);

        // Every text cell of every table, the audit log included, on either database.
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = db.Database.IsSqlite()
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var cells = 0;
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetValue(i) is string text)
                    {
                        cells++;
                        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
                        Assert.DoesNotContain(token[ApiTokens.Prefix.Length..], text, StringComparison.Ordinal);
                    }
                }
            }
        }

        Assert.True(cells > 1000, $"only {cells} text cells were read");
        var logs = factory.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, r => Render(r).Contains(token[ApiTokens.Prefix.Length..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_Revoked_Is401WithTheReason()
    {
        var token = TokenIn(await SayAsync("console:token-three", "/profile token"));

        var revoked = await SayAsync("console:token-three", "/profile token --revoke");

        Assert.Contains("revoked", revoked.Plain, StringComparison.Ordinal);
        using var response = await GetMeAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("revoked", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no API token", (await SayAsync("console:token-three", "/profile token --revoke")).Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "needs a personal API token")]
    [InlineData("Basic dXNlcjpwYXNz", "needs a personal API token")]
    [InlineData("Bearer not-a-token", "not a CollabBot API token")]
    [InlineData("Bearer cbt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not known")]
    public async Task Token_MissingMalformedOrUnknown_Is401WithTheReason(string? authorization, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await factory.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<Reply> SayAsync(string identity, string line)
    {
        var reply = await factory.Services.GetRequiredService<ConsolePlatform>().SayAsync(line, identity, null, Ct);
        Assert.True(reply.Status == ReplyStatus.Ok, reply.Plain);
        return reply;
    }

    private async Task<HttpResponseMessage> GetMeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await factory.CreateClient().SendAsync(request, Ct);
    }

    /// <summary>The token is the reply's one code span that starts with the prefix.</summary>
    private static string TokenIn(Reply reply) =>
        reply.Sections.SelectMany(s => s.Lines).SelectMany(l => l.Parts).OfType<Code>().Select(c => c.Value)
            .Single(v => v.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal) && v.Length == ApiTokens.Length);

    private static string Render(FakeLogRecord r) => string.Join(
        " | ",
        new[] { r.Category ?? "", r.Message, r.Exception?.ToString() ?? "" }
            .Concat(r.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])
            .Concat(r.Scopes.Select(s => s?.ToString() ?? "")));

    /// <summary>The service with every log category at Trace, collected.</summary>
    public sealed class LoggedFactory : ServiceFactory
    {
        public FakeLogCollector Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System" })
            {
                builder.UseSetting($"Logging:LogLevel:{category}", "Trace");
            }

            builder.ConfigureLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddProvider(new FakeLoggerProvider(Logs));
            });
        }
    }
}
