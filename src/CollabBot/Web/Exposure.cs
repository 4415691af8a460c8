using CollabBot.Core;
using Microsoft.Extensions.Options;

namespace CollabBot.Web;

/// <summary>
/// <c>Dashboard:Public=false</c>, as an allowlist in front of every endpoint. A service that takes Slack or Discord
/// requests must be reachable from the internet, yet a collaboration may not want its groups, members, meetings
/// and author lists readable there. Listing what stays (rather than what goes) fails closed: a page, feed or
/// download added later is private too until someone decides otherwise.
/// </summary>
public static class Exposure
{
    /// <summary>
    /// Served whatever <see cref="DashboardOptions.Public"/> says: operations (health, readiness, metrics), the
    /// platforms' own signed endpoints, and the local console, which has its own switch (<c>Console:Enabled</c>).
    /// Calendar feeds and author-list downloads are not here: they carry the same names and agendas as the pages. The
    /// personal feed is: its address holds a secret token given privately to its owner (<c>/profile calendar</c>),
    /// which authenticates the request as a signature does the platforms', and it shows only the owner's groups.
    /// </summary>
    public static readonly IReadOnlyList<string> AlwaysServed = ["/healthz", "/readyz", "/metrics", "/slack", "/discord", "/github", "/console", "/calendar/me"];

    public static void UseDashboardExposure(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (options.Public)
        {
            return;
        }

        app.Use(async (context, next) =>
        {
            if (IsAlwaysServed(context.Request.Path))
            {
                await next(context);
                return;
            }

            // A bare 404, as for a path that does not exist: a private deployment does not say what it would show.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
    }

    public static bool IsAlwaysServed(PathString path) => AlwaysServed.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
