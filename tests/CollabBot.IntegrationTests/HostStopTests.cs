using CollabBot.IntegrationTests.Support;
using CollabBot.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>
/// The host may stop its services twice: WebApplicationFactory's dispose stops the host, and the entry point's own
/// RunAsync, seeing the application stop, stops it again after the container has disposed the services. CI once
/// failed a test class's clean-up on exactly that (ObjectDisposedException from the reminder scheduler's StopAsync).
/// </summary>
public sealed class HostStopTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReminderScheduler_StoppedDisposedAndStoppedAgain_DoesNotThrow()
    {
        var scheduler = factory.Services.GetRequiredService<ReminderScheduler>();

        await scheduler.StopAsync(Ct);
        scheduler.Dispose();
        var again = await Record.ExceptionAsync(() => scheduler.StopAsync(Ct));

        Assert.Null(again);
    }

    [Fact]
    public async Task ReminderScheduler_DisposedBeforeStop_StopDoesNotThrow()
    {
        var scheduler = factory.Services.GetRequiredService<ReminderScheduler>();

        scheduler.Dispose();
        var stop = await Record.ExceptionAsync(() => scheduler.StopAsync(Ct));

        Assert.Null(stop);
    }
}
