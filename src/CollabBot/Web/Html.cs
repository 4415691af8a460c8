using System.Globalization;
using CollabBot.Core.Values;

namespace CollabBot.Web;

/// <summary>
/// Values the dashboard's components (and the JSON API's links) put into HTML attributes and text. Encoding is Razor's
/// job; what is left here is what encoding cannot decide: which links may become anchors, and machine-readable times.
/// </summary>
public static class Html
{
    /// <summary>
    /// A <c>&lt;time datetime&gt;</c> value: ISO 8601 in UTC. Invariant, because under the server's culture ':' in a
    /// custom format is that culture's time separator (fi-FI writes 14.00.00) and the year its calendar's (ar-SA: 1448).
    /// </summary>
    public static string Datetime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Only http(s) links and site-relative paths become anchors; anything else (<c>javascript:</c>) stays text.
    /// Razor encodes an attribute but does not judge its scheme, so every user-given URL passes through here.
    /// </summary>
    public static string? SafeUrl(string? url) =>
        url is null ? null
        : url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url
        : Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.ToString()
        : null;

    public static string ZoneName(string zoneId) => Zones.Canonical(zoneId) ?? zoneId;

    /// <summary>"1 member", "5 members".</summary>
    public static string Count(int count, string one, string many) => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
