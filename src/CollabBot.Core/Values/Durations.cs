using System.Globalization;
using System.Text.RegularExpressions;

namespace CollabBot.Core.Values;

/// <summary>Reminder offsets: <c>2d</c>, <c>3h</c>, <c>90m</c>, <c>1h30m</c>, comma-separated.</summary>
public static partial class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = DurationRegex().Match(text.Trim().ToLowerInvariant());
        if (!match.Success || match.Length == 0 || text.Trim().Length == 0)
        {
            return false;
        }

        static int Part(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        var days = Part(match.Groups["d"]);
        var hours = Part(match.Groups["h"]);
        var minutes = Part(match.Groups["m"]);
        value = new TimeSpan(days, hours, minutes, 0);
        return value > TimeSpan.Zero && value <= TimeSpan.FromDays(60);
    }

    public static bool TryParseList(string text, out IReadOnlyList<TimeSpan> values, out string error)
    {
        var list = new List<TimeSpan>();
        values = list;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var span))
            {
                error = $"'{Clipping.Clip(part, 20)}' is not a duration.";
                return false;
            }

            list.Add(span);
        }

        error = "";
        return list.Count > 0;
    }

    public static string Format(TimeSpan span)
    {
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days}d");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours}h");
        }

        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes}m");
        }

        return string.Concat(parts);
    }

    // [0-9], not \d: \d also matches Arabic-Indic and full-width digits, which int.Parse then rejects with an exception.
    [GeneratedRegex(@"^(?:(?<d>[0-9]{1,2})d)?(?:(?<h>[0-9]{1,3})h)?(?:(?<m>[0-9]{1,4})m)?\z")]
    private static partial Regex DurationRegex();
}
