namespace CollabBot.Core;

/// <summary>The <c>Dashboard</c> settings section: what the service shows to anyone who can reach it over HTTP.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// When false, every read-only page, feed, download and the JSON API answer 404; only the paths in
    /// <c>Exposure.AlwaysServed</c> are served.
    /// </summary>
    public bool Public { get; set; } = true;

    /// <summary>When false, member lists (names, roles, tags, affiliations) are left out of pages and the API; conveners are still shown.</summary>
    public bool ShowMembers { get; set; } = true;
}
