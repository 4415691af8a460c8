using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Slack.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>
/// Files shared in Slack with a command as their message: the file is fetched from Slack's file host with the bot
/// token, the token goes to no other host (not by address, not by redirect), the size limit holds, and messages
/// that are not commands cost nothing.
/// </summary>
public sealed class SharedFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SharedFile_OnTheFileHost_IsFetchedWithTheBotToken()
    {
        await using var slack = await StartWithFilesHostAsync();
        var content = Encoding.UTF8.GetBytes("id,score\na,0.25\n");
        var url = slack.Fake.AddFile("predictions.csv", content);

        var (file, error) = slack.Get<SlackFileCommands>().FileOf(SlackPayloads.File("predictions.csv", content.Length, url, Amara));

        Assert.Null(error);
        await using var opened = await file!.OpenAsync(1000, Ct);
        Assert.True(opened.IsOpen, opened.Error);
        using var copy = new MemoryStream();
        await opened.Stream!.CopyToAsync(copy, Ct);
        Assert.Equal(content, copy.ToArray());
        var fetched = Assert.Single(slack.Fake.Calls("file"));
        Assert.Equal("Bearer " + SlackService.BotToken, fetched.Authorization);
    }

    [Fact]
    public async Task SharedFile_OnAnotherHost_IsRefusedAndNothingIsSentThere()
    {
        await using var slack = await StartWithFilesHostAsync();
        var onFileHost = slack.Fake.AddFile("predictions.csv", [1, 2, 3]);

        // The same server by another name is another host: the token is not sent, the file not fetched at all.
        var elsewhere = new UriBuilder(onFileHost) { Host = "localhost" }.Uri;
        var (file, error) = slack.Get<SlackFileCommands>().FileOf(SlackPayloads.File("predictions.csv", 3, elsewhere, Amara));

        Assert.Null(file);
        Assert.Contains("not on Slack's file host", error, StringComparison.Ordinal);
        Assert.Empty(slack.Fake.Calls("file"));
    }

    [Fact]
    public async Task SharedFile_RedirectedToAnotherHost_TheTokenStaysBehind()
    {
        await using var slack = await StartWithFilesHostAsync();
        var target = slack.Fake.AddFile("moved.csv", [1, 2, 3]);
        var redirect = slack.Fake.AddRedirect("predictions.csv", new UriBuilder(target) { Host = "localhost" }.Uri);
        var (file, _) = slack.Get<SlackFileCommands>().FileOf(SlackPayloads.File("predictions.csv", 3, redirect, Amara));

        await using var opened = await file!.OpenAsync(1000, Ct);

        var calls = slack.Fake.Calls("file");
        Assert.Equal("Bearer " + SlackService.BotToken, calls[0].Authorization);
        var followed = calls.Where(c => c.Headers["Host"].StartsWith("localhost", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(followed);
        Assert.All(followed, c => Assert.Equal("", c.Authorization));
        Assert.DoesNotContain(calls.Skip(1), c => c.Headers.Values.Any(v => v.Contains(SlackService.BotToken, StringComparison.Ordinal)));

        // Without the token the fake sends it to its sign-in page, as Slack does: the file is not got.
        Assert.False(opened.IsOpen);
    }

    [Fact]
    public async Task SharedFile_LargerThanMaxUploadBytes_IsRefused()
    {
        await using var slack = await StartWithFilesHostAsync(maxBytes: 100);
        var content = new byte[500];
        var url = slack.Fake.AddFile("big.csv", content);
        var commands = slack.Get<SlackFileCommands>();

        var (declared, _) = commands.FileOf(SlackPayloads.File("big.csv", content.Length, url, Amara));
        await using (var opened = await declared!.OpenAsync(100, Ct))
        {
            Assert.False(opened.IsOpen);
            Assert.Contains("limit of 100 bytes", opened.Error, StringComparison.Ordinal);
        }

        Assert.Empty(slack.Fake.Calls("file"));

        // A file object that understates its size is counted as it streams, and cut at the limit.
        var (understated, _) = commands.FileOf(SlackPayloads.File("big.csv", 50, url, Amara));
        await using var counted = await understated!.OpenAsync(100, Ct);
        Assert.False(counted.IsOpen);
        Assert.Contains("larger than the limit", counted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageEvent_FileWithACommandThatTakesNoFile_AnswersInTheConversation()
    {
        await using var slack = await StartWithFilesHostAsync();
        const string channel = "C0FILES0001";
        var url = slack.Fake.AddFile("notes.csv", [1, 2, 3]);
        var body = SlackPayloads.FileShare("Ev0TESTFILE0001", channel, Amara, "/wg list", SlackPayloads.File("notes.csv", 3, url, Amara)).ToJsonString();

        using var response = await slack.PostSignedAsync("/slack/events", body, "application/json");

        Assert.True(response.IsSuccessStatusCode);
        await slack.Get<SlackFileCommands>().Background.WhenIdleAsync();
        await slack.WaitUntilAsync(db => db.OutboundMessages.AnyAsync(m => m.Target == channel && m.Status == OutboundStatus.Sent, Ct), "the answer to the shared file");
        var post = Assert.Single(slack.Fake.Calls("chat.postMessage"), p => p.Channel == channel);
        Assert.Contains("takes no file", post.Json.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(slack.Fake.Calls("file"));
    }

    [Fact]
    public async Task MessageEvent_TruthThenSubmissionSharedAsFiles_StoresTheTruthAndQueuesTheSubmission()
    {
        await using var slack = await StartWithFilesHostAsync(maxBytes: 100_000);
        const string dm = "D0AMARA0001";
        await slack.SayAsync("console:amara", "/dataset register calorimetry calo-slack \"Calo Slack\" --repo collab-demo/calo-slack");
        await slack.SayAsync("console:amara", "/challenge create calo-slack slack-tagging \"Tagging from Slack\" --metric auc --daily-limit 3");
        var truth = Encoding.UTF8.GetBytes("id,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"ev{i:00},{(i % 3 == 0 ? 1 : 0)}\n")));
        var predictions = Encoding.UTF8.GetBytes("id,score\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"ev{i:00},{(i % 3 == 0 ? 0.8 : 0.3)}\n")));

        // The manager shares the truth in a direct message to the bot, with the command as the file's message.
        var truthUrl = slack.Fake.AddFile("truth.csv", truth);
        await PostEventAsync(slack, SlackPayloads.FileShare("Ev0TRUTH00001", dm, Amara, "/challenge truth slack-tagging", SlackPayloads.File("truth.csv", truth.Length, truthUrl, Amara)));
        var stored = await slack.QueryAsync(db => db.Challenges.SingleAsync(c => c.Slug == "slack-tagging", Ct));
        Assert.Equal(40, stored.TruthRows);
        await slack.SayAsync("console:amara", "/challenge open slack-tagging");

        var submissionUrl = slack.Fake.AddFile("predictions.csv", predictions);
        await PostEventAsync(slack, SlackPayloads.FileShare("Ev0SUBMIT0001", dm, Amara, "<@U0TESTBOT1> /challenge submit slack-tagging --method \"Cut-based\" --time-per-event 3ms", SlackPayloads.File("predictions.csv", predictions.Length, submissionUrl, Amara)));

        var submission = await slack.QueryAsync(db => db.ChallengeSubmissions.SingleAsync(s => s.Challenge.Slug == "slack-tagging", Ct));
        Assert.Equal("slack-file", submission.Source);
        Assert.Equal("Cut-based", submission.Method);
        Assert.Equal(predictions.Length, submission.FileBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(predictions)), submission.FileSha256);
        Assert.Equal(dm, submission.ReplyChannelId);
        Assert.All(slack.Fake.Calls("file"), c => Assert.Equal("Bearer " + SlackService.BotToken, c.Authorization));
        Assert.Equal(2, slack.Fake.Calls("file").Count);
        await slack.WaitUntilAsync(db => db.OutboundMessages.CountAsync(m => m.Target == dm, Ct).ContinueWith(t => t.Result >= 2, TaskScheduler.Default), "the answers in the direct message");
        var answers = await slack.QueryAsync(db => db.OutboundMessages.Where(m => m.Target == dm).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync(Ct));
        Assert.Contains(answers, a => a.Contains("Received submission", StringComparison.Ordinal));
        Assert.DoesNotContain(answers, a => a.Contains("ev03,1", StringComparison.Ordinal));
    }

    private static async Task PostEventAsync(SlackService slack, JsonObject payload)
    {
        using var response = await slack.PostSignedAsync("/slack/events", payload.ToJsonString(), "application/json");
        Assert.True(response.IsSuccessStatusCode);
        await slack.Get<SlackFileCommands>().Background.WhenIdleAsync();
    }

    [Theory]
    [InlineData("here are my predictions")]
    [InlineData("see /wg list for the groups")]
    [InlineData("/nonsense submit x")]
    public async Task MessageEvent_FileWithoutACommand_IsIgnoredWithoutATrace(string text)
    {
        await using var slack = await StartWithFilesHostAsync();
        var url = slack.Fake.AddFile("notes.csv", [1, 2, 3]);
        var body = SlackPayloads.FileShare("Ev0TESTFILE0002", "C0FILES0002", Amara, text, SlackPayloads.File("notes.csv", 3, url, Amara)).ToJsonString();

        using var response = await slack.PostSignedAsync("/slack/events", body, "application/json");

        Assert.True(response.IsSuccessStatusCode);
        await slack.Get<SlackFileCommands>().Background.WhenIdleAsync();
        Assert.Equal(0, await slack.QueryAsync(db => db.OutboundMessages.CountAsync(Ct)));
        Assert.Empty(slack.Fake.Calls("file"));
    }

    [Theory]
    [InlineData("/challenge submit jets --method BDT", "challenge", "submit jets --method BDT")]
    [InlineData("<@U0TESTBOT1> /challenge truth jets", "challenge", "truth jets")]
    [InlineData("<@U0TESTBOT1|collabbot>   /Challenge   submit  x", "challenge", "submit  x")]
    [InlineData("/wg", "wg", "")]
    public void CommandLine_MessageText_GivesCommandAndRest(string text, string command, string rest)
    {
        Assert.Equal((command, rest), SlackFileCommands.CommandLine(text));
    }

    /// <summary>The service with the fake as Slack's file host (SlackService's default), loopback downloads allowed, a small limit.</summary>
    private static Task<SlackService> StartWithFilesHostAsync(long maxBytes = 1000) => SlackService.StartAsync(new Dictionary<string, string?>
    {
        ["Challenges:DownloadHosts:0"] = "127.0.0.1",
        ["Challenges:DownloadHosts:1"] = "localhost",
        ["Challenges:MaxUploadBytes"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
