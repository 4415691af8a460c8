namespace CollabBot.Core.Values;

/// <summary>IANA time zones, validated once, the same way everywhere.</summary>
public static class Zones
{
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return null;
        }

        // Accept only IANA ids (Windows names would make feeds and markup ambiguous).
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            return null;
        }

        return zone;
    }

    /// <summary>The canonical spelling of an IANA id typed in any case (<c>europe/zurich</c> → <c>Europe/Zurich</c>).</summary>
    public static string? Canonical(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : AllIds.Value.FirstOrDefault(z => string.Equals(z, id.Trim(), StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<string> All => AllIds.Value;

    private static readonly Lazy<HashSet<string>> AllIds = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Append("UTC").ToHashSet(StringComparer.Ordinal));
}
