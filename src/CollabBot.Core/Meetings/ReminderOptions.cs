using CollabBot.Core.Settings;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Meetings;

/// <summary>The <c>Reminders</c> settings section.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Schedule and post meeting reminders and group digests; false keeps a copy of the data (staging, adapter tests) from posting them.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Offsets before each occurrence when a series does not set its own.</summary>
    [DurationList(ErrorMessage = "Reminders:DefaultOffsets lists durations such as 1d, 3h or 15m (at most 60 days).")]
    public List<string> DefaultOffsets { get; set; } = ["1d", "15m"];

    /// <summary>A reminder missed while the service was down is still sent if at most this late and its meeting has not started.</summary>
    [Between("00:00:00", "1.00:00:00", ErrorMessage = "Reminders:CatchUpWindow must be between 00:00:00 and 1.00:00:00 (a day).")]
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromMinutes(30);
}

[OptionsValidator]
public sealed partial class ReminderOptionsValidator : IValidateOptions<ReminderOptions>;
