using System.Globalization;
using System.Text;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Features.Challenges;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Challenges;

/// <summary>
/// /challenge end to end on the demo community: files served by Kestrel on 127.0.0.1 (listed in
/// Challenges:DownloadHosts unless a test says otherwise), the real dispatcher, scoring worker pass and outbox rows.
/// </summary>
public sealed class ChallengeCommandTests : IAsyncLifetime
{
    internal const string Convener = "console:amara";
    internal const string DatasetTeam = "console:noah";
    internal const string PlainMember = "console:ingrid";
    internal const string Outsider = "console:chen";
    internal const string Other = "console:sofia";
    internal const string Channel = "C-challenge";
    internal const int Rows = 200;

    private LocalWebServer server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await LocalWebServer.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    /// <summary>A label per id: 1 for about a third of them, drawn so both parts of any split have both classes.</summary>
    internal static int Label(int i) => i % 3 == 0 ? 1 : 0;

    internal static string Id(int i) => string.Create(CultureInfo.InvariantCulture, $"ev{i:0000}");

    internal static string TruthCsv() => "id,label\n" + string.Concat(Enumerable.Range(0, Rows).Select(i => $"{Id(i)},{Label(i)}\n"));

    /// <summary>The truth's rows as they appear in the file: none may ever appear in a reply, page, export or message.</summary>
    internal static IEnumerable<string> TruthRows() => Enumerable.Range(0, Rows).Select(i => $"{Id(i)},{Label(i)}");

    /// <summary>A submission whose scores mix the label with a deterministic noise: quality 1 is perfect, 0 is noise.</summary>
    internal static string SubmissionCsv(double quality, int rows = Rows) =>
        "id,score\n" + string.Concat(Enumerable.Range(0, rows).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{Id(i)},{quality * Label(i) + (1 - quality) * ((i * 0.618034) % 1):R}\n")));

    private static Task<CoreHarness> StartAsync(string host = "127.0.0.1", long maxBytes = ChallengesOptions.DefaultMaxUploadBytes) =>
        CoreHarness.StartAsync(seed: true, services => services.Configure<ChallengesOptions>(o =>
        {
            o.DownloadHosts = [host];
            o.MaxUploadBytes = maxBytes;
        }));

    /// <summary>
    /// A dataset of calorimetry, an open challenge on it with its truth from the local server; returns the harness.
    /// The one host the downloader may reach is <paramref name="host"/> (127.0.0.1 or localhost), the truth comes from it.
    /// </summary>
    private async Task<CoreHarness> OpenChallengeAsync(string options = "--metric auc --daily-limit 3", string host = "127.0.0.1", long maxBytes = ChallengesOptions.DefaultMaxUploadBytes)
    {
        var h = await StartAsync(host, maxBytes);
        server.Text("/truth.csv", TruthCsv());
        Ok(await h.SayAsync(Convener, "/dataset register calorimetry calo-test \"Calo test\" --repo collab-demo/calo-test"));
        Ok(await h.SayAsync(DatasetTeam, $"/challenge create calo-test tagging \"Shower tagging\" {options}"));
        var truthUrl = host == "localhost" ? new Uri(server.OtherHost, "/truth.csv") : server.Url("/truth.csv");
        Ok(await h.SayAsync(DatasetTeam, $"/challenge truth tagging --url {truthUrl}"));
        Ok(await h.SayAsync(Convener, "/challenge open tagging"));
        return h;
    }

    private async Task<Reply> SubmitAsync(CoreHarness h, string who, string path, string csv, string extra = "")
    {
        server.Text(path, csv);
        return await h.SayAsync(who, $"/challenge submit tagging --url {server.Url(path)} {extra}", Channel);
    }

    private static Task<int> ScoreAsync(CoreHarness h) => h.Services.GetRequiredService<ChallengeScoring>().ScoreQueuedAsync(Ct);

    private static Task<List<OutboundMessage>> MessagesAsync(CoreHarness h, string contains) =>
        h.QueryAsync(db => db.OutboundMessages.AsNoTracking().Where(m => m.Body.Contains(contains)).OrderBy(m => m.Id).ToListAsync());

    internal static void Ok(Reply reply) => HarnessQueries.AssertStatus(ReplyStatus.Ok, reply);

    [Fact]
    public async Task Challenge_CreateTruthOpenSubmit_ScoresInTheBackgroundAndTellsTheSubmitterInTheSameChannel()
    {
        await using var h = await OpenChallengeAsync();

        var reply = await SubmitAsync(h, PlainMember, "/a.csv", SubmissionCsv(0.5), "--method \"BDT\" --time-per-event 3ms");
        Ok(reply);
        Assert.Contains("queued for scoring", reply.Plain, StringComparison.Ordinal);
        var queued = await h.QueryAsync(db => db.ChallengeSubmissions.AsNoTracking().SingleAsync());
        Assert.Equal(SubmissionState.Queued, queued.State);

        Assert.Equal(1, await ScoreAsync(h));

        var scored = await h.QueryAsync(db => db.ChallengeSubmissions.AsNoTracking().SingleAsync());
        Assert.Equal(SubmissionState.Scored, scored.State);
        Assert.NotNull(scored.PublicScore);
        Assert.NotNull(scored.PrivateScore);
        Assert.Equal(3.0, scored.TimePerEventMs);
        var result = Assert.Single(await MessagesAsync(h, "Scored: tagging"));
        Assert.Equal(("console", Channel, false), (result.Platform, result.Target, result.IsDirect));
        var body = ReplyJson.Deserialize(result.Body).Plain;
        Assert.Contains("rank 1 of 1", body, StringComparison.Ordinal);
        Assert.Contains(Core.Challenges.Metric.Format(scored.PublicScore!.Value), body, StringComparison.Ordinal);
        Assert.Contains("you lead", body, StringComparison.Ordinal);

        var mine = await h.SayAsync(PlainMember, "/challenge mine tagging");
        Assert.Contains($"#{scored.Id}", mine.Plain, StringComparison.Ordinal);
        Assert.Contains("scored · auc", mine.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("private", mine.Plain.Split('\n').First(l => l.Contains($"#{scored.Id}", StringComparison.Ordinal)), StringComparison.Ordinal);

        var board = await h.SayAsync(Outsider, "/challenge board tagging");
        Assert.Contains("1. Ingrid", board.Plain, StringComparison.Ordinal);
        Assert.Contains("BDT · 3 ms per event", board.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_SecondBetterThenWorse_ResultSaysChangeAgainstOwnBestAndLeader()
    {
        await using var h = await OpenChallengeAsync();
        Ok(await SubmitAsync(h, PlainMember, "/a.csv", SubmissionCsv(0.9)));
        Ok(await SubmitAsync(h, Other, "/b.csv", SubmissionCsv(0.2)));
        await ScoreAsync(h);
        Ok(await SubmitAsync(h, Other, "/c.csv", SubmissionCsv(0.4)));
        await ScoreAsync(h);

        var last = (await MessagesAsync(h, "Scored: tagging")).Last();
        var body = ReplyJson.Deserialize(last.Body).Plain;
        Assert.Contains("rank 2 of 2", body, StringComparison.Ordinal);
        Assert.Matches(@"Your best before: [0-9.]+ \(\+", body);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(body, @"Leader: Ingrid \S+ [0-9.]+ \(−[0-9.e-]+ from the lead\)"), body);
    }

    [Fact]
    public async Task NewLeader_IsAnnouncedInGroupAndTrackingChannelsOnce_AWorseSubmissionIsNot()
    {
        await using var h = await OpenChallengeAsync();
        Ok(await h.SayAsync(Convener, "/dataset track calo-test", "C-track"));
        Ok(await SubmitAsync(h, PlainMember, "/a.csv", SubmissionCsv(0.3)));
        await ScoreAsync(h);
        Ok(await SubmitAsync(h, Other, "/b.csv", SubmissionCsv(0.8)));
        await ScoreAsync(h);
        Ok(await SubmitAsync(h, PlainMember, "/c.csv", SubmissionCsv(0.1)));
        await ScoreAsync(h);

        var announcements = await MessagesAsync(h, "New leader");
        var ids = await h.QueryAsync(db => db.ChallengeSubmissions.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());

        // Two leaders (the first scored, then Sofia's better one), each to calorimetry's two linked channels and C-track.
        Assert.Equal(6, announcements.Count);
        Assert.Equal(3, announcements.Count(m => m.DedupeKey!.StartsWith($"challenge:", StringComparison.Ordinal) && m.DedupeKey.Contains($":leader:{ids[1]}", StringComparison.Ordinal)));
        Assert.Contains(announcements, m => m.Target == "C-track");
        Assert.DoesNotContain(announcements, m => m.DedupeKey!.Contains($":leader:{ids[2]}", StringComparison.Ordinal));
        Assert.Matches(@"Sofia \S+ leads tagging with auc", ReplyJson.Deserialize(announcements[^1].Body).Plain);
    }

    [Fact]
    public async Task DailyLimit_ReachedIsRefused_BadFilesDoNotCount()
    {
        await using var h = await OpenChallengeAsync("--metric auc --daily-limit 2");

        Ok(await SubmitAsync(h, PlainMember, "/a.csv", SubmissionCsv(0.5)));
        Ok(await SubmitAsync(h, PlainMember, "/bad.csv", SubmissionCsv(0.5, rows: Rows - 1)));
        await ScoreAsync(h);
        var rejected = ReplyJson.Deserialize(Assert.Single(await MessagesAsync(h, "was not scored")).Body).Plain;
        Assert.Contains("1 id has no row", rejected, StringComparison.Ordinal);

        // The rejected file did not count: a second good one is taken, a third is not.
        Ok(await SubmitAsync(h, PlainMember, "/b.csv", SubmissionCsv(0.6)));
        var third = await SubmitAsync(h, PlainMember, "/c.csv", SubmissionCsv(0.7));

        Assert.Equal(ReplyStatus.Refused, third.Status);
        Assert.Contains("used today's 2 submissions to tagging", third.Plain, StringComparison.Ordinal);
        Assert.Contains("00:00 UTC", third.Plain, StringComparison.Ordinal);

        // A new UTC day starts the count again.
        h.Clock.Advance(TimeSpan.FromDays(1));
        Ok(await SubmitAsync(h, PlainMember, "/d.csv", SubmissionCsv(0.7)));
    }

    [Fact]
    public async Task BadFiles_AtTheCommand_AreRefusedOrRejectedNamingTheLineAndRule_AndLeaveNoScoredSubmission()
    {
        await using var h = await OpenChallengeAsync("--metric auc --daily-limit 50");

        var empty = await SubmitAsync(h, PlainMember, "/empty.csv", "");
        Assert.Equal(ReplyStatus.Invalid, empty.Status);
        Assert.Contains("empty", empty.Plain, StringComparison.Ordinal);

        var binary = await SubmitAsync(h, PlainMember, "/bin.csv", "id,score\nev0000,\0\n");
        Assert.Equal(ReplyStatus.Invalid, binary.Status);
        Assert.Contains("binary", binary.Plain, StringComparison.Ordinal);

        Ok(await SubmitAsync(h, PlainMember, "/noheader.csv", SubmissionCsv(0.5)[("id,score\n".Length)..]));
        var lines = SubmissionCsv(0.5).Split('\n');
        lines[6] = "ev0005,NaN"; // line 7 of the file
        Ok(await SubmitAsync(h, PlainMember, "/nan.csv", string.Join('\n', lines)));
        Ok(await SubmitAsync(h, PlainMember, "/unknown.csv", SubmissionCsv(0.5) + "nope,0.5\n"));
        await ScoreAsync(h);

        var messages = (await MessagesAsync(h, "was not scored")).Select(m => ReplyJson.Deserialize(m.Body).Plain).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.Contains("Line 1", StringComparison.Ordinal) && m.Contains("header", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Line 7", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains($"Line {Rows + 2}", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Contains("does not count against your daily limit", m, StringComparison.Ordinal));
        Assert.False(await h.QueryAsync(db => db.ChallengeSubmissions.AnyAsync(s => s.State == SubmissionState.Scored)));
        var mine = await h.SayAsync(PlainMember, "/challenge mine tagging");
        Assert.Equal(3, mine.Plain.Split('\n').Count(l => l.Contains("· rejected ·", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Download_PrivateAddressNotListed_IsRefusedAndNothingIsRecorded()
    {
        await using var h = await OpenChallengeAsync(host: "localhost");
        server.Text("/a.csv", SubmissionCsv(0.5));

        var reply = await h.SayAsync(PlainMember, $"/challenge submit tagging --url {server.Url("/a.csv")}", Channel);

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("Challenges:DownloadHosts", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(0, server.Count("/a.csv"));
        Assert.False(await h.QueryAsync(db => db.ChallengeSubmissions.AnyAsync()));
    }

    [Fact]
    public async Task Download_RedirectToAPrivateAddress_IsRefused()
    {
        await using var h = await OpenChallengeAsync(host: "localhost");
        server.Text("/a.csv", SubmissionCsv(0.5));
        server.Redirect("/go", server.Url("/a.csv").ToString());

        var reply = await h.SayAsync(PlainMember, $"/challenge submit tagging --url {new Uri(server.OtherHost, "/go")}", Channel);

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("127.0.0.1", reply.Plain, StringComparison.Ordinal);
        Assert.Equal(1, server.Count("/go"));
        Assert.Equal(0, server.Count("/a.csv"));
    }

    [Fact]
    public async Task Download_LargerThanTheLimit_IsRefused()
    {
        await using var h = await OpenChallengeAsync(maxBytes: 4000); // the truth (about 1.8 kB) fits, the submission (about 5 kB) does not

        var reply = await SubmitAsync(h, PlainMember, "/big.csv", SubmissionCsv(0.5));

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains("limit", reply.Plain, StringComparison.Ordinal);
        Assert.False(await h.QueryAsync(db => db.ChallengeSubmissions.AnyAsync()));
    }

    [Fact]
    public async Task Teams_CountOnceOnTheBoard_AndShareTheDailyLimit()
    {
        await using var h = await OpenChallengeAsync("--metric auc --daily-limit 2");
        Ok(await h.SayAsync(PlainMember, "/challenge team create tagging \"Shower Hunters\""));
        var twice = await h.SayAsync(PlainMember, "/challenge team create tagging \"Other\"");
        Assert.Equal(ReplyStatus.Refused, twice.Status);
        var unknown = await h.SayAsync(Other, "/challenge team join tagging \"Nope\"");
        Assert.Equal(ReplyStatus.NotFound, unknown.Status);
        Assert.Contains("Shower Hunters", unknown.Plain, StringComparison.Ordinal);
        Ok(await h.SayAsync(Other, "/challenge team join tagging \"shower hunters\""));

        Ok(await SubmitAsync(h, PlainMember, "/a.csv", SubmissionCsv(0.4)));
        Ok(await SubmitAsync(h, Other, "/b.csv", SubmissionCsv(0.7)));
        var third = await SubmitAsync(h, Other, "/c.csv", SubmissionCsv(0.9));
        Assert.Equal(ReplyStatus.Refused, third.Status);
        Assert.Contains("Your team Shower Hunters has used today's 2 submissions", third.Plain, StringComparison.Ordinal);
        Ok(await SubmitAsync(h, Outsider, "/d.csv", SubmissionCsv(0.5)));
        await ScoreAsync(h);

        var board = await h.SayAsync(Outsider, "/challenge board tagging");
        Assert.Contains("2 participants", board.Plain, StringComparison.Ordinal);
        Assert.Contains("1. Shower Hunters", board.Plain, StringComparison.Ordinal);
        Assert.Contains("2 submissions", board.Plain, StringComparison.Ordinal);

        Ok(await h.SayAsync(Other, "/challenge team leave tagging"));
        Ok(await SubmitAsync(h, Other, "/e.csv", SubmissionCsv(0.9)));
    }

    [Fact]
    public async Task Rules_StatesMembersOnlyAndPermissions_GiveClearSentences()
    {
        await using var h = await StartAsync();
        server.Text("/truth.csv", TruthCsv());
        Ok(await h.SayAsync(Convener, "/dataset register calorimetry calo-test \"Calo test\""));

        var refused = await h.SayAsync(PlainMember, "/challenge create calo-test tagging \"T\" --metric auc");
        Assert.Equal(ReplyStatus.Refused, refused.Status);
        Assert.StartsWith("Only a convener of calorimetry, its dataset-team members or an admin", refused.Plain, StringComparison.Ordinal);

        var badMetric = await h.SayAsync(DatasetTeam, "/challenge create calo-test tagging \"T\" --metric f1");
        Assert.Equal(ReplyStatus.Invalid, badMetric.Status);
        Assert.Contains("rejection@", badMetric.Plain, StringComparison.Ordinal);

        Ok(await h.SayAsync(DatasetTeam, "/challenge create calo-test tagging \"T\" --metric auc --members-only"));
        var openWithoutTruth = await h.SayAsync(Convener, "/challenge open tagging");
        Assert.Contains("has no truth yet", openWithoutTruth.Plain, StringComparison.Ordinal);
        var draft = await h.SayAsync(PlainMember, $"/challenge submit tagging --url {server.Url("/x.csv")}");
        Assert.Contains("is not open yet", draft.Plain, StringComparison.Ordinal);

        Ok(await h.SayAsync(Convener, $"/challenge truth tagging --url {server.Url("/truth.csv")}"));
        Ok(await h.SayAsync(Convener, "/challenge open tagging"));
        var outsider = await SubmitAsync(h, Outsider, "/x.csv", SubmissionCsv(0.5));
        Assert.Equal(ReplyStatus.Refused, outsider.Status);
        Assert.StartsWith("Only members of calorimetry can submit to tagging.", outsider.Plain, StringComparison.Ordinal);
        Assert.Equal(0, server.Count("/x.csv"));

        var privateWhileOpen = await h.SayAsync(PlainMember, "/challenge board tagging --private");
        Assert.Contains("is revealed when it closes", privateWhileOpen.Plain, StringComparison.Ordinal);

        var oneClass = "id,label\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{Id(i)},1\n"));
        Ok(await h.SayAsync(DatasetTeam, "/challenge create calo-test oneclass \"T\" --metric auc"));
        server.Text("/one.csv", oneClass);
        var auc = await h.SayAsync(DatasetTeam, $"/challenge truth oneclass --url {server.Url("/one.csv")}");
        Assert.Equal(ReplyStatus.Invalid, auc.Status);
        Assert.Contains("auc", auc.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("ev0001", auc.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_RevealsThePrivateBoardAndAnnouncesTheFinalTop3()
    {
        await using var h = await OpenChallengeAsync();
        Ok(await h.SayAsync(DatasetTeam, "/challenge baseline tagging 0.6 \"Cut-based\" --url https://example.org/cuts"));
        Ok(await SubmitAsync(h, PlainMember, "/a.csv", SubmissionCsv(0.3)));
        Ok(await SubmitAsync(h, Other, "/b.csv", SubmissionCsv(0.8)));
        Ok(await SubmitAsync(h, Outsider, "/c.csv", SubmissionCsv(0.5)));
        Ok(await SubmitAsync(h, DatasetTeam, "/d.csv", SubmissionCsv(0.1)));
        await ScoreAsync(h);

        var close = await h.SayAsync(Convener, "/challenge close tagging");
        Ok(close);
        Assert.Contains("the private board", close.Plain, StringComparison.Ordinal);
        var final = await MessagesAsync(h, "Final results");
        Assert.Equal(2, final.Count); // calorimetry's two linked channels
        var text = ReplyJson.Deserialize(final[0].Body).Plain;
        Assert.Contains("1. Sofia", text, StringComparison.Ordinal);
        Assert.Contains("3. Ingrid", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4. ", text, StringComparison.Ordinal);

        var board = await h.SayAsync(Outsider, "/challenge board tagging --private");
        Ok(board);
        Assert.Contains("private board (closed)", board.Plain, StringComparison.Ordinal);
        Assert.Contains("Baseline: Cut-based — auc 0.6", board.Plain, StringComparison.Ordinal);
        var late = await SubmitAsync(h, PlainMember, "/e.csv", SubmissionCsv(0.9));
        Assert.Contains("is closed", late.Plain, StringComparison.Ordinal);
        Assert.Contains("is already closed", (await h.SayAsync(Convener, "/challenge close tagging")).Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scoring_AClaimLeftByAWorkerThatDied_IsScoredByTheNextPass()
    {
        await using var h = await OpenChallengeAsync();
        Ok(await SubmitAsync(h, PlainMember, "/a.csv", SubmissionCsv(0.5)));
        await h.QueryAsync(async db =>
        {
            var s = await db.ChallengeSubmissions.SingleAsync();
            s.ClaimedUntil = h.Clock.GetUtcNow() + TimeSpan.FromMinutes(1);
            s.Attempts = 1;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(0, await ScoreAsync(h));
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await ScoreAsync(h));

        Assert.Equal(SubmissionState.Scored, await h.QueryAsync(db => db.ChallengeSubmissions.Select(s => s.State).SingleAsync()));
        Assert.Single(await MessagesAsync(h, "Scored: tagging"));
    }

    [Fact]
    public async Task Truth_NeverAppearsInAnyReplyMessageOrAudit()
    {
        await using var h = await OpenChallengeAsync("--metric auc --metric accuracy --daily-limit 20 --target 0.95");
        Ok(await h.SayAsync(DatasetTeam, "/challenge baseline tagging 0.6 \"Cut-based\""));
        Ok(await SubmitAsync(h, PlainMember, "/a.csv", SubmissionCsv(0.5)));
        // A submission that is the truth itself (scores 0 and 1): its rows must not come back either.
        Ok(await SubmitAsync(h, PlainMember, "/copy.csv", "id,score\n" + TruthCsv()["id,label\n".Length..]));
        await ScoreAsync(h);

        var texts = new List<string>();
        foreach (var line in new[] { "/challenge info tagging", "/challenge board tagging", "/challenge board tagging --all", "/challenge list", "/challenge mine tagging", "/challenge edit tagging --title \"Shower tagging 2\"" })
        {
            texts.Add((await h.SayAsync(PlainMember, line)).Plain);
            texts.Add((await h.SayAsync(Convener, line)).Plain);
        }

        Ok(await h.SayAsync(Convener, "/challenge close tagging"));
        texts.Add((await h.SayAsync(PlainMember, "/challenge board tagging --private --all")).Plain);
        texts.Add((await h.SayAsync(PlainMember, "/challenge info tagging")).Plain);
        texts.AddRange((await h.QueryAsync(db => db.OutboundMessages.Select(m => m.Body).ToListAsync())).Select(b => ReplyJson.Deserialize(b).Plain));
        var audit = await h.QueryAsync(db => db.Audit.Select(a => a.Changes).ToListAsync());
        var truthBytes = Encoding.UTF8.GetBytes(TruthCsv());
        var seed = await h.QueryAsync(db => db.Challenges.Select(c => c.Seed).SingleAsync());

        Assert.All(texts.Concat(audit), text =>
        {
            foreach (var row in TruthRows())
            {
                Assert.DoesNotContain(row, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(Convert.ToBase64String(truthBytes)[..40], text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(seed)[..20], text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(seed)[..20], text, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains(audit, a => a.Contains("\"Content\":[\"(hidden)\"", StringComparison.Ordinal));
    }
}
