using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Octokit.Webhooks.AspNetCore;

namespace CollabBot.GitHub;

/// <summary>
/// <c>POST /github/webhooks</c>: Octokit.Webhooks.AspNetCore parses and dispatches, but only after our own check.
/// The library answers a bad signature with 400, and with no secret configured accepts unsigned deliveries; we
/// answer 401 to anything not signed with the configured secret, and refuse everything when there is none.
/// </summary>
public static class GitHubEndpoints
{
    public const string Path = "/github/webhooks";

    /// <summary>GitHub caps payloads at 25 MB.</summary>
    private const int MaxBody = 25 * 1024 * 1024;

    public static IEndpointRouteBuilder MapGitHub(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<GitHubOptions>>().Value;

        // The library gets the same secret, so it verifies again; without one it would wave unsigned requests through,
        // which is why the check below runs first and fails closed.
        app.MapGitHubWebhooks(Path, options.WebhookSecret?.Trim() ?? "")
            .Add(endpoint =>
            {
                var inner = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context => VerifiedAsync(context, inner);
            });
        return app;
    }

    private static async Task VerifiedAsync(HttpContext context, RequestDelegate inner)
    {
        var secret = context.RequestServices.GetRequiredService<IOptions<GitHubOptions>>().Value.WebhookSecret?.Trim();
        if (string.IsNullOrEmpty(secret))
        {
            await RefuseAsync(context, "GitHub webhooks are not enabled here (GitHub:WebhookSecret is not set), so no delivery can be verified.");
            return;
        }

        if (context.Request.ContentLength > MaxBody)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        // Read the raw bytes once, verify them, then let the library read the same bytes again.
        context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBody);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        context.Request.Body.Position = 0;
        if (!WebhookSignature.Verify(secret, context.Request.Headers[WebhookSignature.Header].ToString(), buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            await RefuseAsync(context, "invalid signature");
            return;
        }

        await inner(context);
    }

    private static Task RefuseAsync(HttpContext context, string text)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
