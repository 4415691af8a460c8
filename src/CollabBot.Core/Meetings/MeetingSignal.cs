using CollabBot.Core.Domain;

namespace CollabBot.Core.Meetings;

/// <summary>
/// Tells the reminder scheduler which series changed once a command has committed, so their reminders are
/// planned again (scheduling, editing, cancelling and moving all reschedule).
/// </summary>
public sealed class MeetingSignal
{
    public event Action<IReadOnlyCollection<int>>? SeriesChanged;

    public void Notify(IReadOnlyCollection<int> seriesIds)
    {
        if (seriesIds.Count > 0)
        {
            SeriesChanged?.Invoke(seriesIds);
        }
    }
}

/// <summary>The series a command touched; their ids are known after the save.</summary>
public sealed class MeetingChanges
{
    private readonly List<MeetingSeries> changed = [];

    public void Changed(MeetingSeries series) => changed.Add(series);

    public IReadOnlyCollection<int> Ids => [.. changed.Select(s => s.Id).Where(id => id != 0).Distinct()];
}
