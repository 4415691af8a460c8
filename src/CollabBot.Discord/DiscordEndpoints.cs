using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CollabBot.Discord;

/// <summary>
/// <c>POST /discord/interactions</c>: read the raw body once, verify Ed25519 over timestamp + body (Discord
/// probes with bad signatures on purpose: those get 401 and nothing else), then answer inline.
/// </summary>
public static class DiscordEndpoints
{
    private const int MaxBody = 512 * 1024;

    public static IEndpointRouteBuilder MapDiscord(this IEndpointRouteBuilder app)
    {
        app.MapPost("/discord/interactions", InteractionsAsync);
        return app;
    }

    private static async Task<IResult> InteractionsAsync(HttpContext http, DiscordSignature signature, TimeProvider clock, InteractionProcessor processor)
    {
        if (!signature.IsConfigured)
        {
            return Results.Text("Discord is not connected here (Discord:PublicKey is not set).", statusCode: 404);
        }

        // Bounded before it is buffered: an unsigned stranger's endless body costs at most MaxBody.
        var body = await BoundedBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBody, http.RequestAborted);
        if (body is null)
        {
            return Results.Text($"The body is larger than {MaxBody / 1024} KiB; Discord's interactions are smaller.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var ok = signature.Verify(
            http.Request.Headers["X-Signature-Timestamp"].ToString(),
            http.Request.Headers["X-Signature-Ed25519"].ToString(),
            body,
            clock.GetUtcNow());
        if (!ok)
        {
            return Results.Text("invalid request signature", statusCode: 401);
        }

        JsonObject? interaction;
        try
        {
            interaction = JsonNode.Parse(Encoding.UTF8.GetString(body)) as JsonObject;
        }
        catch (JsonException)
        {
            interaction = null;
        }

        if (interaction is null)
        {
            return Results.Text("The interaction was not a JSON object.", statusCode: 400);
        }

        return Results.Bytes(await processor.HandleHttpAsync(interaction, http.RequestAborted), ResponseJson.ContentType);
    }
}
