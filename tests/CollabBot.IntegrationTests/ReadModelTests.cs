using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CollabBot.IntegrationTests.Support;
using CollabBot.Slack;
using CollabBot.Tests.Shared;

namespace CollabBot.IntegrationTests;

/// <summary>
/// The read model through the real program (issue 17): replies of /wg list and /wg info are cached under the data
/// version stored in the database, and a change on any instance is seen by the very next read on every instance.
/// </summary>
public sealed class ReadModelTests
{
    private const string SigningSecret = "read-model-signing-secret-FAKE-TEST-ONLY";
    private const string Team = "T0READ";
    private const string Admin = "UADMIN01";
    private const string Reader = "UREADER1";
    private const string Joiner = "UJOINER1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_ChangeOnOneInstance_VisibleToNextReadOnTheOther_Postgres()
    {
        if (!TestPostgres.Enabled)
        {
            Assert.Skip($"Set {TestPostgres.Variable} to a PostgreSQL connection string to run this; .ci/run does.");
        }

        var work = Directory.CreateTempSubdirectory("collabbot-readmodel-");
        var database = await TestPostgres.CreateAsync(Ct);
        var instances = new List<ServiceInstance>();
        await using var fake = await FakeChatApis.StartAsync("xoxb-FAKE-TEST-ONLY", "FAKE-TEST-ONLY");
        try
        {
            string[] provider = ["--Database:Provider=Postgres", $"--ConnectionStrings:CollabBot={database}"];
            var migrated = await ProgramProcess.RunAsync(work.FullName, ["migrate", .. provider], Ct);
            Assert.True(migrated.ExitCode == 0, migrated.ToString());
            foreach (var name in new[] { "r1", "r2" })
            {
                instances.Add(ServiceInstance.Start(name, work.FullName, [.. provider, .. Settings()]));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            await Task.WhenAll(instances.Select(i => i.WaitReadyAsync(http, TimeSpan.FromSeconds(60), Ct)));
            await ChangeThenReadAsync(new Client(http, fake), instances[0].BaseUrl!, instances[1].BaseUrl!);
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }

            await TestPostgres.DropAsync(database);
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Reads_ChangeThenRead_VisibleToNextRead_Sqlite()
    {
        var work = Directory.CreateTempSubdirectory("collabbot-readmodel-");
        await using var fake = await FakeChatApis.StartAsync("xoxb-FAKE-TEST-ONLY", "FAKE-TEST-ONLY");
        try
        {
            await using var instance = ServiceInstance.Start("r1", work.FullName, [$"--ConnectionStrings:CollabBot=Data Source={Path.Combine(work.FullName, "readmodel.db")}", .. Settings()]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            await instance.WaitReadyAsync(http, TimeSpan.FromSeconds(60), Ct);
            await ChangeThenReadAsync(new Client(http, fake), instance.BaseUrl!, instance.BaseUrl!);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string[] Settings() =>
    [
        $"--Slack:SigningSecret={SigningSecret}",
        $"--Bot:Admins:0=slack:{Team}:{Admin}",
        "--Reminders:Enabled=false",
        "--Console:Enabled=false",
        "--Slack:InlineReplyBudget=00:00:02.500",
    ];

    /// <summary>Reads on <paramref name="reader"/> (twice, so the reply is cached), changes on <paramref name="writer"/>, reads on <paramref name="reader"/> again.</summary>
    private static async Task ChangeThenReadAsync(Client client, Uri reader, Uri writer)
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.DoesNotContain("read-model-x", await SlackAsync(client, reader, Reader, "list"), StringComparison.Ordinal);
        }

        await SlackChangeAsync(client, writer, Admin, "create read-model-x \"Read Model X\" --kind area");
        Assert.Contains("read-model-x", await SlackAsync(client, reader, Reader, "list"), StringComparison.Ordinal);

        for (var i = 0; i < 2; i++)
        {
            Assert.Contains("Members:* 0", await SlackAsync(client, reader, Reader, "info read-model-x"), StringComparison.Ordinal);
        }

        await SlackChangeAsync(client, writer, Joiner, "join read-model-x");
        Assert.Contains("Members:* 1", await SlackAsync(client, reader, Reader, "info read-model-x"), StringComparison.Ordinal);
    }

    private sealed record Client(HttpClient Http, FakeChatApis Fake);

    /// <summary>
    /// A change, done when its reply is: answered inline, or (on a slow machine, past the inline budget) acknowledged and
    /// then delivered to its response_url once committed.
    /// </summary>
    private static async Task SlackChangeAsync(Client client, Uri instance, string user, string text)
    {
        var responseUrl = client.Fake.NewResponseUrl();
        var answer = await SlackAsync(client, instance, user, text, responseUrl);
        // The JSON escapes the acknowledgement's ellipsis; its words are enough.
        if (!answer.Contains(SlackCommandProcessor.WorkingOnIt.TrimEnd('…'), StringComparison.Ordinal))
        {
            Assert.DoesNotContain("Only an admin", answer, StringComparison.Ordinal);
            Assert.Contains("read-model-x", answer, StringComparison.Ordinal);
            return;
        }

        var path = new Uri(responseUrl).AbsolutePath;
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (!client.Fake.Calls.Any(c => c.Path == path))
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"/wg {text} was never finished");
            await Task.Delay(20, Ct);
        }
    }

    private static async Task<string> SlackAsync(Client client, Uri instance, string user, string text, string? responseUrl = null)
    {
        var http = client.Http;
        var body = $"team_id={Team}&channel_id=C0READ0001&user_id={user}&user_name={user.ToLowerInvariant()}&command=%2Fwg&text={Uri.EscapeDataString(text)}"
            + (responseUrl is null ? "" : "&response_url=" + Uri.EscapeDataString(responseUrl));
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance, "slack/commands")) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(SigningSecret, timestamp, bytes));
        using var response = await http.SendAsync(request, Ct);
        var json = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json);
        return json;
    }
}
