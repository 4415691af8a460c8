using System.Globalization;
using CollabBot.Core.Values;

namespace CollabBot.Core.Replies;

/// <summary>How instants read where no platform markup shows them in the reader's own time.</summary>
public static class TimeFormat
{
    public static string Plain(Timestamp ts)
    {
        var zone = Zones.Find(ts.ZoneId) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(ts.At, zone);
        return local.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + ts.ZoneId;
    }
}
