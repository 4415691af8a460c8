using CollabBot.Core.Data;
using Microsoft.Extensions.Options;

namespace CollabBot.Scheduling;

/// <summary>The <c>Scheduler</c> settings section: Quartz's job store.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>Quartz's clustered job store in the PostgreSQL database, so several instances share the reminders.</summary>
    public bool Clustered { get; set; }
}

/// <summary>
/// Written by hand rather than generated: its one rule spans two sections (a clustered store lives in the PostgreSQL
/// database), which a generated validator of one options class cannot see.
/// </summary>
public sealed class SchedulerOptionsValidator(IOptions<DatabaseOptions> database) : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options) =>
        options.Clustered && !database.Value.IsPostgres
            ? ValidateOptionsResult.Fail("Scheduler:Clustered=true needs Database:Provider=Postgres: the instances share Quartz's job store in that database.")
            : ValidateOptionsResult.Success;
}
