using CollabBot.Core.Meetings;
using CollabBot.Core.Reports;

namespace CollabBot.Core.Features.Reports;

/// <summary>A duty held at a meeting of the period: service.</summary>
public sealed record ServedTurn(int GroupId, string Duty, string Meeting, int PersonId, string Person);

/// <summary>
/// Service in the period: who held each duty at the meetings held in it (see <see cref="HeldMeetings"/>), as the
/// rotation says (<see cref="Duties.Timeline"/>: a fixed turn, or the volunteer whose turn it was), so a turn that no
/// reminder fixed still counts, and a cancelled meeting or one still to come is no service. Beside the rotation, as
/// Reports may not use Features.
/// </summary>
public static class ServedTurns
{
    public static async Task<IReadOnlyList<ServedTurn>> LoadAsync(ReportScope scope, IReadOnlyList<HeldMeeting> held, CancellationToken cancellationToken)
    {
        if (held.Count == 0)
        {
            return [];
        }

        var keys = held.Select(m => m.Occurrence.Key).ToHashSet(StringComparer.Ordinal);
        var served = new List<ServedTurn>();
        foreach (var series in held.Select(m => m.Occurrence.Series).DistinctBy(s => s.Id).OrderBy(s => s.Id))
        {
            foreach (var duty in await Duties.OfAsync(scope.Db, series.Id, cancellationToken))
            {
                served.AddRange(Duties.Timeline(duty, series, scope.Past)
                    .Where(t => t.Person is not null && keys.Contains(t.Occurrence.Key))
                    .Select(t => new ServedTurn(series.GroupId, duty.Name, series.Title, t.Person!.Id, t.Person.DisplayName)));
            }
        }

        return served;
    }
}
