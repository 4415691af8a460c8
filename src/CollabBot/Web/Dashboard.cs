using System.Reflection;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CollabBot.Core.Domain;
using CollabBot.Web.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CollabBot.Web;

/// <summary>
/// The dashboard: server-rendered pages of groups, meetings, datasets and projects, no JavaScript needed. Each page is
/// a Razor component in <c>Pages/</c> whose code-behind loads what it shows and answers its route; the layout and the
/// pieces pages share (group card, meeting row, agenda, person …) are components in <c>Shared/</c>.
/// </summary>
public static class Dashboard
{
    public static void AddDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents();

        // Razor encodes every value; by default it also writes every non-ASCII letter as an entity (Zürich → Z&#xFC;rich).
        // Markup-significant characters are encoded either way; the pages are UTF-8, so names stay readable in the source.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton<ConsoleAccess>();
    }

    public static void MapDashboard(this WebApplication app)
    {
        // Files, not inline <style>: the Content-Security-Policy (SecurityHeaders) allows styles from this site only.
        var css = SiteAsset.Load("site.css", "text/css; charset=utf-8");
        var icon = SiteAsset.Load("favicon.svg", "image/svg+xml");
        app.MapGet("/site.css", css.Serve);

        // Browsers ask for /favicon.ico on every site; a 404 there is a console error on every page.
        app.MapGet("/favicon.svg", icon.Serve);
        app.MapGet("/favicon.ico", icon.Serve);

        app.MapGet("/", HomePage.HandleAsync);
        app.MapGet("/wg/{slug}", GroupPage.HandleAsync);
        app.MapGet("/meetings", MeetingsPage.HandleAsync);
        app.MapGet("/datasets", DatasetsPage.HandleAsync);
        app.MapGet("/datasets/{slug}", DatasetPage.HandleAsync);
        app.MapGet("/projects/{slug}", ProjectPage.HandleAsync);
        app.MapGet("/challenges", ChallengesPage.HandleAsync);
        app.MapGet("/challenges/{slug}", ChallengePage.HandleAsync);
        app.MapChallenges();
    }

    /// <summary>The local console's page, and the start-up warning when it is on where other hosts can reach the service.</summary>
    public static void MapConsole(this WebApplication app)
    {
        app.MapGet("/console", ConsolePage.Get);
        app.MapPost("/console", ConsolePage.PostAsync);
        ConsoleAccess.WarnWhenReachable(app);
    }

    /// <summary>A page component as the response, with the parameters it takes.</summary>
    public static RazorComponentResult<TPage> Page<TPage>(object parameters, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new(parameters) { StatusCode = statusCode };

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

    public static string PlatformName(string platform) => platform switch
    {
        "slack" => "Slack",
        "discord" => "Discord",
        _ => platform,
    };

    /// <summary>A file of <c>Web/Assets/</c>, embedded in the assembly so the service serves it from any folder, with an ETag.</summary>
    private sealed record SiteAsset(byte[] Content, string ContentType, EntityTagHeaderValue ETag)
    {
        public static SiteAsset Load(string name, string contentType)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CollabBot.Web.Assets." + name)
                ?? throw new InvalidOperationException($"Web/Assets/{name} is not embedded in the assembly.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            return new SiteAsset(content, contentType, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\""));
        }

        public IResult Serve(HttpContext context)
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(Content, ContentType, entityTag: ETag);
        }
    }
}
