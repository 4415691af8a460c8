namespace CollabBot.Core.Meetings;

/// <summary>The <c>Reminders</c> settings section.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Offsets before each occurrence when a series does not set its own.</summary>
    public List<string> DefaultOffsets { get; set; } = ["1d", "15m"];

    /// <summary>A reminder missed while the service was down is still sent if at most this late and its meeting has not started.</summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromMinutes(30);
}
