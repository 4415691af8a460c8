using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Profile;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CollabBot.Web.Api;

/// <summary>
/// The one place <c>/api/v1</c> checks personal API tokens (<c>/profile token</c>): an endpoint filter that reads
/// <c>Authorization: Bearer …</c>, looks up the token's hash, and answers 401 with a problem saying why (missing,
/// malformed, unknown, revoked) before the endpoint runs, so no request body of an unauthenticated caller is read.
/// Endpoints opt in with <see cref="RequireApiToken"/> and read the caller with <see cref="Caller"/>.
/// </summary>
public static class ApiTokenAuth
{
    private static readonly object CallerKey = new();

    /// <summary>Only requests with a live personal API token reach this endpoint.</summary>
    public static RouteHandlerBuilder RequireApiToken(this RouteHandlerBuilder endpoint) =>
        endpoint
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var db = http.RequestServices.GetRequiredService<CollabBotDbContext>();
                var clock = http.RequestServices.GetRequiredService<TimeProvider>();
                var check = await ApiTokens.CheckAsync(db, Bearer(http.Request), clock.GetUtcNow(), http.RequestAborted);
                if (check.Person is null)
                {
                    http.Response.Headers.WWWAuthenticate = Bearer(http.Request) is null
                        ? "Bearer realm=\"CollabBot API\""
                        : "Bearer realm=\"CollabBot API\", error=\"invalid_token\"";
                    return TypedResults.Problem(detail: check.Refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
                }

                http.Items[CallerKey] = new ApiCaller(check.Person, check.IssuedBy!);
                return await next(context);
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>The person whose token the request carried; only on endpoints behind <see cref="RequireApiToken"/>.</summary>
    public static ApiCaller Caller(HttpContext http) =>
        http.Items[CallerKey] as ApiCaller ?? throw new InvalidOperationException("This endpoint is not behind RequireApiToken().");

    /// <summary>The bearer token, or null when the request has none (any other scheme counts as none).</summary>
    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header[scheme.Length..].Trim() is { Length: > 0 } token ? token : null;
    }

    /// <summary><c>GET /api/v1/me</c>: whose token this is, so a script can check its token before it sends a file.</summary>
    public static void MapTokenApi(this RouteGroupBuilder api) =>
        api.MapGet("/me", (HttpContext http) =>
            {
                var person = Caller(http).Person;
                return TypedResults.Ok(new ApiMe(new ApiPerson(person.DisplayName, person.Orcid, [.. person.Affiliations])));
            })
            .WithName("getMe")
            .WithSummary("The person a personal API token (from /profile token) belongs to; 401 for a missing, unknown or revoked token.")
            .WithTags("Tokens")
            .RequireApiToken();
}

public sealed record ApiMe(ApiPerson Person);

/// <summary>Who an API request acts as: the token's owner, and the identity that asked for the token (for the audit log).</summary>
public sealed record ApiCaller(Person Person, string Identity);
