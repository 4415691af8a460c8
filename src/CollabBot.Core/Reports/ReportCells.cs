using System.Globalization;
using CollabBot.Core.Meetings;

namespace CollabBot.Core.Reports;

/// <summary>How report cells write numbers, dates and times: invariant, the same in every format.</summary>
public static class ReportCells
{
    /// <summary>A table keeps at most this many rows; the rest are counted in the headline numbers, not listed.</summary>
    public const int MaxRows = 500;

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at, string zoneId) =>
        MeetingTime.FormatDate(MeetingTime.ToLocal(at, zoneId).Date);

    public static string DateTime(DateTimeOffset at, string zoneId) =>
        MeetingTime.Format(MeetingTime.ToLocal(at, zoneId)) + " " + zoneId;

    public static IReadOnlyList<IReadOnlyList<string>> Rows<T>(IEnumerable<T> items, Func<T, IReadOnlyList<string>> row) =>
        [.. items.Take(MaxRows).Select(row)];

    /// <summary>The columns, with "Group" after the first one in a deployment-wide report.</summary>
    public static IReadOnlyList<string> Columns(ReportScope scope, params string[] columns) =>
        scope.Deployment ? [columns[0], "Group", .. columns[1..]] : columns;

    public static IReadOnlyList<string> Cells(ReportScope scope, int groupId, params string[] cells) =>
        scope.Deployment ? [cells[0], scope.GroupSlug(groupId), .. cells[1..]] : cells;
}
