using CollabBot.Core.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.Core.Tests.Commands;

/// <summary>
/// The helper both adapters answer through: inline within the budget, otherwise acknowledged now and finished later,
/// with the apology when the work fails after the acknowledgement. The budget is measured on a fake clock.
/// </summary>
public sealed class AcknowledgeThenFinishTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1500);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider clock = new();
    private readonly FakeLogger<AcknowledgeThenFinish> logger = new();

    private AcknowledgeThenFinish Helper() => new(clock, logger);

    [Fact]
    public async Task Run_WorkDoneWithinBudget_ItsReplyIsTheAnswerAndNothingIsFinishedLater()
    {
        var helper = Helper();
        var finished = new List<Reply>();

        var inline = await helper.RunAsync("Slack", () => Task.FromResult(Reply.Message("Done")), Budget, r => { finished.Add(r); return Task.CompletedTask; }, Ct);

        Assert.Equal("Done", inline?.Plain);
        await helper.Background.WhenIdleAsync();
        Assert.Empty(finished);
    }

    [Fact]
    public async Task Run_WorkOutlastsBudget_AcknowledgedNowAndFinisherGetsTheReplyWhenItComes()
    {
        var helper = Helper();
        var slow = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);

        var answer = helper.RunAsync("Discord", () => slow.Task, Budget, r => { finished.SetResult(r); return Task.CompletedTask; }, Ct);
        clock.Advance(Budget - TimeSpan.FromMilliseconds(1));
        Assert.False(answer.IsCompleted, "answered before the budget was spent");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var inline = await answer.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        slow.SetResult(Reply.Message("Finally"));

        Assert.Null(inline);
        Assert.Equal("Finally", (await finished.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Plain);
        await helper.Background.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task Run_WorkFailsAfterAcknowledgement_UserGetsTheApologyAndTheFailureIsLogged()
    {
        var helper = Helper();
        var slow = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);

        var answer = helper.RunAsync("Slack", () => slow.Task, Budget, r => { finished.SetResult(r); return Task.CompletedTask; }, Ct);
        clock.Advance(Budget);
        Assert.Null(await answer.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        slow.SetException(new InvalidOperationException("the database went away"));

        var reply = await finished.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(ReplyStatus.Failed, reply.Status);
        Assert.Equal(AcknowledgeThenFinish.ApologySentence, reply.Plain);
        var logged = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Equal("A Slack command failed after it was acknowledged", logged.Message);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [Fact]
    public async Task Later_AcknowledgedAlready_FinisherGetsTheReplyAndBackgroundWaitsForIt()
    {
        var helper = Helper();
        var finished = new List<Reply>();

        helper.Later("Slack", Task.FromResult(Reply.Message("Approved")), async r =>
        {
            await Task.Yield();
            finished.Add(r);
        });
        await helper.Background.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal("Approved", Assert.Single(finished).Plain);
    }
}
