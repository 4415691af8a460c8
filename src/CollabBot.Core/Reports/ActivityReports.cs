using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CollabBot.Core.Reports;

/// <summary>
/// Builds <see cref="ActivityReport"/>s: the period turned into instants in the group's zone, the privacy rules
/// looked up once, then every registered <see cref="IReportSection"/> in order.
/// </summary>
public sealed class ActivityReports(
    IEnumerable<IReportSection> sections,
    IOptionsMonitor<DashboardOptions> dashboard,
    IOptionsMonitor<BotOptions> bot,
    TimeProvider clock)
{
    /// <summary>The longest period a report covers: ten years is every annual review anyone asked for, and keeps a report bounded.</summary>
    public const int MaxDays = 3660;

    private readonly IReadOnlyList<IReportSection> ordered = [.. sections.OrderBy(s => s.Order).ThenBy(s => s.GetType().Name, StringComparer.Ordinal)];

    /// <summary>Registers the builder and every section in this assembly.</summary>
    public static IServiceCollection AddReports(IServiceCollection services)
    {
        foreach (var type in typeof(IReportSection).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IReportSection).IsAssignableFrom(t)))
        {
            services.AddSingleton(typeof(IReportSection), type);
        }

        services.AddOptions<DashboardOptions>();
        services.AddSingleton<ActivityReports>();
        return services;
    }

    /// <summary>Today in the zone: the default end of a report.</summary>
    public DateOnly Today(string zoneId)
    {
        var local = MeetingTime.ToLocal(clock.GetUtcNow(), zoneId);
        return new DateOnly(local.Year, local.Month, local.Day);
    }

    /// <summary>The period asked for, or the year up to today; a sentence when it makes no sense.</summary>
    public (DateOnly Since, DateOnly Until, string? Error) Period(DateOnly? since, DateOnly? until, string zoneId)
    {
        var end = until ?? Today(zoneId);
        var start = since ?? end.AddYears(-1).AddDays(1);
        if (start > end)
        {
            return (start, end, $"--since ({start:yyyy-MM-dd}) is after --until ({end:yyyy-MM-dd}): give a period that starts before it ends.");
        }

        if (end.DayNumber - start.DayNumber >= MaxDays)
        {
            return (start, end, $"A report covers at most {MaxDays} days (ten years); {start:yyyy-MM-dd} to {end:yyyy-MM-dd} is longer.");
        }

        return (start, end, null);
    }

    public Task<ActivityReport> ForGroupAsync(CollabBotDbContext db, WorkingGroup group, DateOnly since, DateOnly until, CancellationToken cancellationToken) =>
        BuildAsync(db, [group], false, $"{group.Name} ({group.Slug})", group.Slug, group.TimeZone, since, until, $"/wg/{group.Slug}/report", cancellationToken);

    /// <summary>Every group, archived ones included (what they did before archiving is part of the period).</summary>
    public async Task<ActivityReport> ForDeploymentAsync(CollabBotDbContext db, DateOnly since, DateOnly until, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Slug).ToListAsync(cancellationToken);
        return await BuildAsync(db, groups, true, "All working groups", null, "UTC", since, until, "/", cancellationToken);
    }

    /// <summary>The group's numbers per month over the period, for the charts.</summary>
    public async Task<ActivityCharts> ChartsAsync(CollabBotDbContext db, WorkingGroup group, DateOnly since, DateOnly until, CancellationToken cancellationToken) =>
        await ActivityCharts.LoadAsync(await ScopeAsync(db, [group], false, group.TimeZone, since, until, cancellationToken), group.TimeZone, cancellationToken);

    private async Task<ActivityReport> BuildAsync(
        CollabBotDbContext db, IReadOnlyList<WorkingGroup> groups, bool deployment, string name, string? slug, string zoneId,
        DateOnly since, DateOnly until, string path, CancellationToken cancellationToken)
    {
        var options = bot.CurrentValue;
        var scope = await ScopeAsync(db, groups, deployment, zoneId, since, until, cancellationToken);
        var built = new List<ReportSection>();
        foreach (var section in ordered)
        {
            if (await section.BuildAsync(scope, cancellationToken) is { } s)
            {
                built.Add(s);
            }
        }

        return new ActivityReport(
            $"Activity of {name}, {since:yyyy-MM-dd} to {until:yyyy-MM-dd}",
            slug,
            since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            zoneId,
            scope.Now,
            options.Link(path),
            built);
    }

    /// <summary>The scope a report of these groups over this period is built in: instants in the zone, privacy rules looked up.</summary>
    public async Task<ReportScope> ScopeAsync(
        CollabBotDbContext db, IReadOnlyList<WorkingGroup> groups, bool deployment, string zoneId, DateOnly since, DateOnly until, CancellationToken cancellationToken)
    {
        var zone = MeetingTime.Zone(zoneId) ?? DateTimeZone.Utc;
        var hidden = (await db.People.AsNoTracking().Where(p => p.PrivateActivity).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
        return new ReportScope(db, groups, deployment, since, until, Start(zone, since), Start(zone, until.AddDays(1)), clock.GetUtcNow(),
            dashboard.CurrentValue.ShowMembers, hidden, bot.CurrentValue);
    }

    public static DateTimeOffset Start(DateTimeZone zone, DateOnly day) =>
        zone.AtStartOfDay(new LocalDate(day.Year, day.Month, day.Day)).ToDateTimeOffset().ToUniversalTime();
}
