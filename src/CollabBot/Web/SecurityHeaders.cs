namespace CollabBot.Web;

/// <summary>
/// Headers every response carries. The pages need no script, no inline style and no other origin, so the policy
/// allows only the site itself: markup that slipped past encoding could still not run, load or frame anything.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// <c>default-src 'self'</c> for everything fetched; <c>base-uri</c>, <c>form-action</c> and
    /// <c>frame-ancestors</c> do not fall back to it, so they are named: no rebasing links, forms post only here,
    /// and no other site may frame a page (clickjacking the console's Run button).
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Links to other sites (a meeting's video link, GitHub, ORCID) do not tell them which page, or which group, they came from.</summary>
    public const string ReferrerPolicy = "no-referrer";

    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return next(context);
        });
}
