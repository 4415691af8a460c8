using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Downloads;
using CollabBot.Core.Ports;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Core.Tests.Commands;

/// <summary>
/// issue 17: no command holds a write transaction while it waits on GitHub or a download. On SQLite an open write
/// transaction blocks every other writer, so a command that waited inside one would stall every join and leave meanwhile.
/// </summary>
public sealed class FetchFirstTests
{
    /// <summary>Longer than any SQLite write takes, far shorter than the 30 s a blocked writer would wait for the lock.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatasetIssue_WhileGitHubHasNotAnswered_OtherCommandsWrite()
    {
        await using var file = await SeededFile.CreateAsync();
        var github = new HeldGitHub();
        await using var services = Services(file, github);
        var dispatcher = services.GetRequiredService<Dispatcher>();
        Assert.Equal(ReplyStatus.Ok, (await Say(dispatcher, "console:amara", "/dataset register calorimetry calo \"Calo showers\" --repo collab-demo/calo")).Status);

        var issue = Task.Run(() => Say(dispatcher, "console:noah", "/dataset issue calo \"Layer 3 energies off\""), Ct);
        await github.Called.WaitAsync(Patience, Ct);
        var join = await Say(dispatcher, "console:first-timer", "/wg join calorimetry").WaitAsync(Patience, Ct);
        var leave = await Say(dispatcher, "console:first-timer", "/wg leave calorimetry").WaitAsync(Patience, Ct);
        var stillWaiting = !issue.IsCompleted;
        github.Answer();
        var opened = await issue.WaitAsync(Patience, Ct);

        Assert.True(stillWaiting, "GitHub had not answered when the join and leave were saved");
        Assert.Equal((ReplyStatus.Ok, ReplyStatus.Ok), (join.Status, leave.Status));
        Assert.Equal(ReplyStatus.Ok, opened.Status);
        Assert.Contains("Opened issue #7 on collab-demo/calo", opened.Plain, StringComparison.Ordinal);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var membership = await db.Memberships.SingleAsync(m => m.Person.Identities.Any(i => i.Key == "console:first-timer"), Ct);
        Assert.NotNull(membership.EndedAt);
    }

    [Fact]
    public async Task DatasetIssue_RefusedBeforeGitHub_NeverCallsIt()
    {
        await using var file = await SeededFile.CreateAsync();
        var github = new HeldGitHub();
        await using var services = Services(file, github);
        var dispatcher = services.GetRequiredService<Dispatcher>();
        await Say(dispatcher, "console:amara", "/dataset register calorimetry calo \"Calo showers\" --repo collab-demo/calo");

        var reply = await Say(dispatcher, "console:noah", "/dataset issue calo \"x\" --version 9.9").WaitAsync(Patience, Ct);

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.False(github.Called.IsCompleted);
    }

    /// <summary>Services that wait on the world: GitHub, downloads (attachments, --url), link checks.</summary>
    private static readonly Type[] Remote = [typeof(IGitHubIssues), typeof(SafeDownloader), typeof(LinkChecker)];

    /// <summary>Change commands that take a remote service without calling it: /dataset track only asks whether GitHub is configured.</summary>
    private static readonly HashSet<string> AsksOnlyWhetherConfigured = new(StringComparer.Ordinal) { "dataset track" };

    /// <summary>The rule in one place: a change command whose handler can reach GitHub or a download does so in a fetch step.</summary>
    [Fact]
    public void ChangeHandlers_TakingARemoteService_FetchFirst()
    {
        var registry = new HandlerRegistry([typeof(CoreServices).Assembly]);
        var offenders = CommandCatalog.Default.Leaves
            .Where(c => c.Kind == CommandKind.Change && !AsksOnlyWhetherConfigured.Contains(c.Key))
            .Select(c => (c.Key, Type: registry.Find(c.Key)))
            .Where(x => x.Type is not null
                && x.Type.GetConstructors().SelectMany(k => k.GetParameters()).Any(p => Remote.Contains(p.ParameterType))
                && !typeof(IFetchFirst).IsAssignableFrom(x.Type))
            .Select(x => $"/{x.Key} ({x.Type!.Name})")
            .ToList();

        Assert.True(offenders.Count == 0, $"These change commands can wait on GitHub or a download inside the write transaction; derive them from FetchFirstHandler: {string.Join(", ", offenders)}");
    }

    private static ServiceProvider Services(SeededFile file, IGitHubIssues github)
    {
        var services = new ServiceCollection();
        services.AddCollabBotCore(db => db.UseSqlite(file.ConnectionString));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(CoreHarness.Start));
        services.Configure<BotOptions>(o => o.Admins = [CoreHarness.Admin]);
        services.AddSingleton(github);
        return services.BuildServiceProvider();
    }

    private static Task<Reply> Say(Dispatcher dispatcher, string identity, string line) =>
        dispatcher.DispatchTextAsync(Platform.Console, "local", null, new Caller(identity), line, Ct);

    /// <summary>GitHub that takes an issue and answers only when the test says so.</summary>
    private sealed class HeldGitHub : IGitHubIssues
    {
        private readonly TaskCompletionSource called = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsConfigured => true;

        /// <summary>Completes when an issue has been sent and is waiting for the answer.</summary>
        public Task Called => called.Task;

        public void Answer() => answer.SetResult();

        public async Task<GitHubResult<IssueInfo>> CreateIssueAsync(RepoRef repo, NewIssueRequest issue, CancellationToken cancellationToken = default)
        {
            called.TrySetResult();
            await answer.Task.WaitAsync(cancellationToken);
            var at = CoreHarness.Start;
            return new IssueInfo(7, issue.Title, $"https://github.com/{repo}/issues/7", IssueState.Open, issue.Labels, "collabbot", at, at, null);
        }

        public Task<GitHubResult<IReadOnlyList<IssueInfo>>> ListIssuesAsync(RepoRef repo, IssueStateFilter state, string? label, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<GitHubResult<IReadOnlyList<IssueInfo>>>(new List<IssueInfo>());

        public Task<GitHubResult<IssuePage>> GetIssuesSinceAsync(RepoRef repo, string? label, DateTimeOffset since, string? etag, CancellationToken cancellationToken = default) =>
            Task.FromResult<GitHubResult<IssuePage>>(new IssuePage(false, null, []));
    }
}
