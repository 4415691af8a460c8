using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace CollabBot.Web.Api;

/// <summary>
/// <c>GET /api/v1/...</c>: read-only JSON of what the dashboard shows, described by the OpenAPI 3.1 document at
/// <see cref="OpenApiPath"/> (generated from the endpoints, so it cannot drift from them).
/// </summary>
/// <remarks>
/// To add a resource: write <c>XxxApi.MapXxxApi(RouteGroupBuilder api)</c> beside
/// <see cref="GroupsApi"/>, call it from <see cref="MapApiV1"/>, and follow the conventions of docs/api.md:
/// camelCase names, a wrapping object per collection (<c>{"datasets":[…]}</c>), <c>TypedResults</c> so the
/// schema is generated, problem details for errors, and a <c>links</c> object whose <c>page</c> is the item's
/// dashboard page (the browser tests check that every such page is within two clicks of the home page).
/// </remarks>
public static class ApiV1
{
    public const string Prefix = "/api/v1";
    public const string OpenApiPath = Prefix + "/openapi.json";
    private const string DocumentName = "v1";

    public static void AddApiV1(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;

            // The platforms' webhooks and the HTML pages are not part of the API.
            options.ShouldInclude = description => description.RelativePath?.StartsWith(Prefix[1..] + "/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CollabBot API",
                    Version = "v1",
                    Description = "JSON of a collaboration's working groups, meetings, datasets, projects and challenges, as the dashboard shows them, read without credentials; "
                        + "and challenge submissions, written with a personal API token (Authorization: Bearer, from /profile token). "
                        + "Names are camelCase; instants are ISO 8601 in UTC; links are paths on this service. See docs/api.md.",
                };

                // Paths are site-relative: the same document is right whichever address a deployment is reached by.
                document.Servers = [new OpenApiServer { Url = "/" }];
                return Task.CompletedTask;
            });
        });

    public static void MapApiV1(this WebApplication app)
    {
        app.MapOpenApi(OpenApiPath);
        var api = app.MapGroup(Prefix);
        api.MapGroupsApi();
        api.MapMeetingsApi();
        api.MapDatasetsApi();
        api.MapProjectsApi();
        api.MapChallengesApi();
        api.MapTokenApi();
        api.MapChallengeSubmissionsApi();
    }

    /// <summary>An RFC 9457 problem for a name that does not exist, with a suggestion when one is close.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>An RFC 9457 problem for a query parameter that cannot be used, saying what would work.</summary>
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
}
