using CollabBot.Core.Outbox;
using CollabBot.Core.Reminders;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.MeetingLife;

/// <summary>/meeting duty on calorimetry's weekly test series (scheduled here, so its dates are known): add, volunteer, list, the reminder that fixes a turn, service on the profile.</summary>
public sealed class DutyTests
{
    private const string Convener = "console:amara";
    private const string Noah = "console:noah";
    private const string Sofia = "console:sofia";
    private const string Outsider = "console:chen";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<CoreHarness> StartAsync(FakePoster? slack = null)
    {
        var h = await CoreHarness.StartAsync(true, s =>
        {
            if (slack is not null)
            {
                s.AddSingleton<IChatPoster>(slack);
            }
        });
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Convener, "/meeting schedule calorimetry \"Sync\" --when \"weekly on thu 10:00\" --remind 1h"));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Convener, "/meeting duty add calorimetry/sync chair"));
        return h;
    }

    [Fact]
    public async Task Volunteers_TakeTurnsInTheListWithTheirCounts()
    {
        await using var h = await StartAsync();

        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Noah, "/meeting duty volunteer calorimetry/sync chair"));
        AssertStatus(ReplyStatus.Ok, await h.SayAsync(Sofia, "/meeting duty volunteer calorimetry/sync chair"));
        var again = await h.SayAsync(Sofia, "/meeting duty volunteer calorimetry/sync chair");
        var list = await h.SayAsync(Outsider, "/meeting duty list calorimetry/sync");

        Assert.StartsWith("You are already in the chair rotation", again.Plain, StringComparison.Ordinal);
        var turns = list.Sections.Single(s => s.Heading == "chair (2 in the rotation)").Lines.Select(l => l.Plain).ToList();
        Assert.EndsWith("— Noah Schmidt", turns[0], StringComparison.Ordinal);
        Assert.EndsWith("— Sofia Lindqvist", turns[1], StringComparison.Ordinal);
        Assert.EndsWith("— Noah Schmidt", turns[2], StringComparison.Ordinal);
        Assert.EndsWith("— Sofia Lindqvist", turns[3], StringComparison.Ordinal);
        Assert.Contains("Turns served: Noah Schmidt 0, Sofia Lindqvist 0", list.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Volunteer_Outsider_IsRefused_AndUnknownDutyNamesTheDuties()
    {
        await using var h = await StartAsync();

        var outsider = await h.SayAsync(Outsider, "/meeting duty volunteer calorimetry/sync chair");
        var unknown = await h.SayAsync(Noah, "/meeting duty volunteer calorimetry/sync minutes");
        var add = await h.SayAsync(Noah, "/meeting duty add calorimetry/sync minutes");

        Assert.Equal(ReplyStatus.Refused, outsider.Status);
        Assert.Equal(ReplyStatus.NotFound, unknown.Status);
        Assert.Contains("its duties: chair", unknown.Plain, StringComparison.Ordinal);
        Assert.Equal(ReplyStatus.Refused, add.Status);
    }

    [Fact]
    public async Task Reminder_AnnouncesAndFixesTheTurn_ServedTurnShowsAsServiceOnTheProfile()
    {
        var slack = new FakePoster("slack");
        await using var h = await StartAsync(slack);
        await h.SayAsync(Noah, "/meeting duty volunteer calorimetry/sync chair");
        await h.SayAsync(Sofia, "/meeting duty volunteer calorimetry/sync chair");
        var reminders = h.Services.GetRequiredService<ReminderService>();
        var due = (await reminders.PlanAsync(h.Clock.GetUtcNow(), h.Clock.GetUtcNow().AddDays(8), null, Ct)).First();
        h.Clock.SetUtcNow(due.DueAt);

        Assert.Equal(ReminderService.Outcome.Queued, await reminders.SendAsync(due, Ct));
        await h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);

        var reminder = slack.Posted.Select(p => p.Reply).Single(r => r.Title!.StartsWith("Reminder:", StringComparison.Ordinal));
        Assert.Contains("Chair: Noah Schmidt", reminder.Plain, StringComparison.Ordinal);

        // Sofia volunteered later than Noah but a newcomer cannot take the announced turn from him.
        await h.SayAsync("console:ingrid", "/meeting duty volunteer calorimetry/sync chair");
        var list = await h.SayAsync(Outsider, "/meeting duty list calorimetry/sync");
        Assert.Contains("— Noah Schmidt (announced)", list.Plain, StringComparison.Ordinal);

        h.Clock.SetUtcNow(due.Start.AddHours(2));
        var profile = await h.SayAsync(Noah, "/profile show");
        var after = await h.SayAsync(Outsider, "/meeting duty list calorimetry/sync");
        Assert.Contains("Service: chair 1 (meeting duties held)", profile.Plain, StringComparison.Ordinal);
        Assert.Contains("Turns served: Noah Schmidt 1, Sofia Lindqvist 0, Ingrid", after.Plain, StringComparison.Ordinal);
        Assert.Equal(1, await h.QueryAsync(db => db.DutyTurns.CountAsync(Ct)));
    }
}
