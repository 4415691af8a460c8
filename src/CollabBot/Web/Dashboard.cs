using CollabBot.Core.Domain;
using CollabBot.Core.Values;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary>
/// The dashboard: server-rendered pages of groups, conveners, members and channels, no JavaScript needed.
/// One file per page (<see cref="HomePage"/>, <see cref="GroupPage"/>, <see cref="MeetingsPage"/>); the pieces they share are here
/// and, for meetings, in <see cref="MeetingViews"/>.
/// </summary>
public static class Dashboard
{
    public static void MapDashboard(this WebApplication app)
    {
        app.MapGet("/site.css", () => Results.Text(SiteCss.Text, "text/css; charset=utf-8"));

        // Browsers ask for /favicon.ico on every site; a 404 there is a console error on every page.
        app.MapGet("/favicon.svg", () => Results.Text(SiteCss.Icon, "image/svg+xml"));
        app.MapGet("/favicon.ico", () => Results.Text(SiteCss.Icon, "image/svg+xml"));
        app.MapGet("/", HomePage.RenderAsync);
        app.MapGet("/wg/{slug}", GroupPage.RenderAsync);
        app.MapGet("/meetings", MeetingsPage.RenderAsync);
        app.MapDatasetPages();
    }

    public static string KindHeading(GroupKind kind) => kind switch
    {
        GroupKind.Dataset => "Dataset groups",
        GroupKind.Problem => "Problem groups",
        GroupKind.Area => "Area groups",
        _ => "General groups",
    };

    /// <summary>The home page's section for a kind, so a group page can link back to where its card is.</summary>
    public static string KindAnchor(GroupKind kind) => "kind-" + kind.ToString().ToLowerInvariant();

    /// <summary>The home page's card for a group.</summary>
    public static string CardAnchor(string slug) => "wg-" + slug;

    public static string PersonHtml(Person p)
    {
        var name = E(p.DisplayName);
        return p.Orcid is null ? name : $"{name} <a class=\"orcid\" href=\"{E(Orcid.Url(p.Orcid))}\" aria-label=\"ORCID of {name}\">ORCID</a>";
    }

    public static string PlatformName(string platform) => platform switch
    {
        "slack" => "Slack",
        "discord" => "Discord",
        _ => platform,
    };

    /// <summary>A link that opens the console with this command typed in, as someone new, or null when the console is off.</summary>
    public static string? ConsoleLink(bool consoleEnabled, string line) =>
        consoleEnabled ? "/console?as=console:newcomer&line=" + Uri.EscapeDataString(line) : null;
}
