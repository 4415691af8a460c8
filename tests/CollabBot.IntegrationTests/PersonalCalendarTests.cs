using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CollabBot.Console;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary>
/// The personal feed on the real host over the demo community: <c>/profile calendar</c> issues an address, the feed
/// holds the meetings of the person's groups with their alarms and nothing else, a new call or <c>--revoke</c> ends it,
/// and the database keeps only the token's hash.
/// </summary>
public sealed partial class PersonalCalendarTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> IssueAsync(string identity, string? option = null)
    {
        var reply = await factory.Services.GetRequiredService<ConsolePlatform>().SayAsync("/profile calendar" + (option is null ? "" : " " + option), identity, null, Ct);
        Assert.True(reply.Status == ReplyStatus.Ok, reply.Plain);
        Assert.False(reply.Public, "the address is a secret: the reply must be private");
        return reply.Plain;
    }

    private static string PathOf(string reply) => Token().Match(reply) is { Success: true } m ? m.Value : throw new InvalidOperationException("no feed address in: " + reply);

    [Fact]
    public async Task Feed_HoldsOnlyThePersonsGroupsMeetingsWithAlarms()
    {
        var client = factory.CreateClient();
        var path = PathOf(await IssueAsync("console:noah"));

        using var response = await client.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var mine = await Query(db => db.Memberships.Where(m => m.Person.Identities.Any(i => i.Key == "console:noah") && m.EndedAt == null && !m.Group.IsArchived)
            .Select(m => m.Group.Slug).ToListAsync(Ct));
        var withMeetings = await Query(db => db.MeetingSeries.Where(s => mine.Contains(s.Group.Slug)).Select(s => s.Group.Slug).Distinct().ToListAsync(Ct));
        var all = await Query(db => db.MeetingSeries.CountAsync(Ct));
        var calendar = Ical.Net.Calendar.Load(text)!;
        var groups = calendar.Events.Select(e => GroupOf().Match(e.Summary!).Groups[1].Value).Distinct().Order().ToList();
        Assert.Equal(withMeetings.Order(), groups);
        Assert.True(calendar.Events.Select(e => e.Uid).Distinct().Count() < all, "the personal feed has every series, so it proves nothing");
        Assert.Contains(calendar.Events, e => e.Alarms.Count > 0);
        Assert.All(calendar.Events.Where(e => e.Status != "CANCELLED").SelectMany(e => e.Alarms), a => Assert.True(a.Trigger!.Duration!.Value.ToTimeSpanUnspecified() < TimeSpan.Zero));
    }

    [Fact]
    public async Task Feed_PersonHasOwnReminderTimes_TheyAreEveryEventsAlarms()
    {
        var console = factory.Services.GetRequiredService<ConsolePlatform>();
        var before = Ical.Net.Calendar.Load(await factory.CreateClient().GetStringAsync(PathOf(await IssueAsync("console:grace")), Ct))!;
        var set = await console.SayAsync("/profile set --remind 10m,2h --remind-via off", "console:grace", null, Ct);
        Assert.True(set.Status == ReplyStatus.Ok, set.Plain);

        var text = await factory.CreateClient().GetStringAsync(PathOf(await IssueAsync("console:grace")), Ct);

        var calendar = Ical.Net.Calendar.Load(text)!;
        var events = calendar.Events.Where(e => e.Status != "CANCELLED").ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(
            [TimeSpan.FromHours(-2), TimeSpan.FromMinutes(-10)],
            e.Alarms.Select(a => a.Trigger!.Duration!.Value.ToTimeSpanUnspecified()).Order()));
        Assert.Contains(before.Events.SelectMany(e => e.Alarms), a => a.Trigger!.Duration!.Value.ToTimeSpanUnspecified() == TimeSpan.FromMinutes(-15));
    }

    [Fact]
    public async Task Feed_CarriesTheOwnersRsvpAsPartstat()
    {
        var console = factory.Services.GetRequiredService<ConsolePlatform>();
        var slug = await Query(db => db.MeetingSeries.Where(s => s.Group.Memberships.Any(m => m.EndedAt == null && m.Person.Identities.Any(i => i.Key == "console:ingrid")))
            .OrderBy(s => s.Id).Select(s => s.Group.Slug + "/" + s.Slug).FirstAsync(Ct));
        var answered = await console.SayAsync($"/meeting rsvp {slug} no", "console:ingrid", null, Ct);
        Assert.True(answered.Status == ReplyStatus.Ok, answered.Plain);
        var path = PathOf(await IssueAsync("console:ingrid"));

        var calendar = Ical.Net.Calendar.Load(await factory.CreateClient().GetStringAsync(path, Ct))!;

        var declined = Assert.Single(calendar.Events, e => e.Attendees.Single().ParticipationStatus == "DECLINED");
        Assert.Equal("TRANSPARENT", declined.Transparency);
        Assert.Equal("Ingrid", declined.Attendees.Single().CommonName!.Split(' ')[0]);
        Assert.All(calendar.Events.Where(e => e != declined), e => Assert.Equal("NEEDS-ACTION", e.Attendees.Single().ParticipationStatus));
    }

    [Fact]
    public async Task NewAddress_EndsTheOld_AndRevokeEndsTheNew()
    {
        var client = factory.CreateClient();
        var first = PathOf(await IssueAsync("console:sofia"));
        var second = PathOf(await IssueAsync("console:sofia"));

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(first, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(second, Ct)).StatusCode);

        Assert.Contains("ended", await IssueAsync("console:sofia", "--revoke"), StringComparison.Ordinal);
        using var revoked = await client.GetAsync(second, Ct);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.Contains("/profile calendar", await revoked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_KeepsOnlyTheHash()
    {
        var path = PathOf(await IssueAsync("console:kwame"));
        var token = path["/calendar/me/".Length..^".ics".Length];

        var stored = await Query(db => db.CalendarTokens.Where(t => t.RevokedAt == null && t.Person.Identities.Any(i => i.Key == "console:kwame")).Select(t => t.Hash).ToListAsync(Ct));

        Assert.Equal([Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))], stored);
        Assert.Equal(0, await Query(db => db.CalendarTokens.CountAsync(t => t.Hash.Contains(token), Ct)));
        Assert.Equal(0, await Query(db => db.Audit.CountAsync(a => a.Changes.Contains(token), Ct)));
    }

    [Theory]
    [InlineData("/calendar/me/not-a-token.ics")]
    [InlineData("/calendar/me/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")]
    public async Task UnknownToken_Is404(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<T> Query<T>(Func<CollabBotDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>());
    }

    [GeneratedRegex(@"/calendar/me/[A-Za-z0-9_-]{43}\.ics")]
    private static partial Regex Token();

    [GeneratedRegex(@"\(([a-z0-9-]+)\)$")]
    private static partial Regex GroupOf();
}
