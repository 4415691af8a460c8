using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Features.Challenges;
using CollabBot.Core.Inbound;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace CollabBot.Web.Api;

/// <summary>
/// <c>POST /api/v1/challenges/{slug}/submissions</c>: a script submits predictions with a personal API token
/// (<see cref="ApiTokenAuth"/>), as <c>multipart/form-data</c> with a <c>file</c> part and optional <c>method</c>,
/// <c>description</c>, <c>code</c>, <c>paper</c> and <c>time-per-event</c> fields. The body is never buffered whole:
/// a declared length past the limit is refused before a byte is read, the file part is streamed to a temporary file
/// and cut one byte past <c>Challenges:MaxUploadBytes</c> (413), and each field is read to at most 16 KiB. The
/// submission then takes the same road as every other (<see cref="ChallengeSubmissions.AcceptAsync"/>): 202 with its
/// id when queued; the score goes to the submitter's direct messages.
/// </summary>
public static class ChallengeSubmissionsApi
{
    public const string FilePart = "file";

    /// <summary>Room for the multipart framing and the text fields beside the file.</summary>
    private const long Framing = 64 * 1024;

    private const int MaxFieldBytes = 16 * 1024;
    private const int MaxParts = 12;

    private static readonly string[] Fields = ["method", "description", "code", "paper", "time-per-event"];

    public static void MapChallengeSubmissionsApi(this RouteGroupBuilder api) =>
        api.MapPost("/challenges/{slug}/submissions", SubmitAsync)
            .WithName("submitToChallenge")
            .WithSummary("Submit predictions (CSV id,score) to a challenge as multipart/form-data with a personal API token; 202 with the submission's id when queued for scoring.")
            .WithDescription("Parts: `file` (required, the CSV), and optional text fields `method`, `description`, `code` (URL), `paper` (URL) and `time-per-event` (e.g. 3ms). "
                + "Send `Authorization: Bearer <token>` with a token from /profile token. 413 when the body is larger than Challenges:MaxUploadBytes; "
                + "403 when the challenge's rules refuse it (not open, members only, daily limit). The score is sent to you directly once computed.")
            .WithTags("Challenges")
            // Described here rather than with Accepts<T>(): that would make routing answer other content types with a bare 415.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = RequestBody();
                return Task.CompletedTask;
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireApiToken();

    public static async Task<Results<Accepted<SubmissionQueued>, ProblemHttpResult>> SubmitAsync(
        string slug,
        HttpContext http,
        CollabBotDbContext db,
        ChallengeSubmissions submissions,
        IOptionsMonitor<ChallengesOptions> options,
        CancellationToken cancellationToken)
    {
        var caller = ApiTokenAuth.Caller(http);
        var max = options.CurrentValue.MaxUploadBytes;
        if (http.Request.ContentLength > max + Framing)
        {
            return TooLarge(max);
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return ApiV1.BadRequest($"Send multipart/form-data (curl -F) with a part named '{FilePart}' holding the CSV, and optional fields {string.Join(", ", Fields)}.");
        }

        var challenge = await db.Challenges.Include(c => c.Dataset).ThenInclude(d => d.Group)
            .FirstOrDefaultAsync(c => c.Slug == slug.ToLowerInvariant(), cancellationToken);
        if (challenge is null)
        {
            var slugs = await db.Challenges.Select(c => c.Slug).ToListAsync(cancellationToken);
            return ApiV1.NotFound($"There is no challenge '{Clip(slug)}'{Suggest.DidYouMean(slug, slugs)}.");
        }

        var form = await ReadFormAsync(http.Request.Body, boundary, max, cancellationToken);
        await using var file = form.File;
        if (form.Problem is not null)
        {
            return form.Problem;
        }

        if (file is null)
        {
            return ApiV1.BadRequest($"The request has no part named '{FilePart}': send the predictions as a file part, e.g. curl -F {FilePart}=@predictions.csv.");
        }

        if (Meta(form.Values) is not { } meta)
        {
            return ApiV1.BadRequest(MetaProblem(form.Values)!);
        }

        db.Actor = new AuditActor(caller.Identity, "api", $"POST /api/v1/challenges/{challenge.Slug}/submissions");
        var acceptance = await submissions.AcceptAsync(
            db,
            challenge,
            caller.Person,
            ct => file.OpenOrThrowAsync(max, error => new SubmissionFileUnavailableException(error), ct),
            meta,
            cancellationToken);
        if (acceptance.Problem is { } problem)
        {
            return TypedResults.Problem(
                detail: problem.Plain.Trim(),
                statusCode: problem.Status == ReplyStatus.Refused ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest,
                title: problem.Status == ReplyStatus.Refused ? "Forbidden" : "Bad request");
        }

        var submission = acceptance.Submission!;
        return TypedResults.Accepted((string?)null, new SubmissionQueued(
            submission.Id,
            challenge.Slug,
            "queued",
            submission.FileBytes,
            submission.FileSha256,
            $"Queued for scoring; the score is sent to you directly. /challenge mine {challenge.Slug} lists your submissions."));
    }

    private sealed record Form(ReceivedFile? File, Dictionary<string, string> Values, ProblemHttpResult? Problem);

    /// <summary>The file part (streamed to a temporary file, within the limit) and the text fields; or the problem with them.</summary>
    private static async Task<Form> ReadFormAsync(Stream body, string boundary, long max, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        ReceivedFile? file = null;
        Form Fail(ProblemHttpResult problem) => new(file, values, problem);
        var reader = new MultipartReader(boundary, body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024, BodyLengthLimit = max + 1 };
        try
        {
            for (var parts = 1; await reader.ReadNextSectionAsync(cancellationToken) is { } section; parts++)
            {
                if (parts > MaxParts)
                {
                    return Fail(ApiV1.BadRequest($"The form has more than {MaxParts} parts; send '{FilePart}' and the fields {string.Join(", ", Fields)}, each once."));
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    return Fail(ApiV1.BadRequest("A part of the form has no Content-Disposition: form-data; name=\"…\" header."));
                }

                if (name == FilePart)
                {
                    if (file is not null)
                    {
                        return Fail(ApiV1.BadRequest($"Send one '{FilePart}' part per request."));
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    file = await ReceivedFile.CopyAsync(fileName is { Length: > 0 } n ? n : "upload.csv", section.Body, max, cancellationToken);
                    if (file is null)
                    {
                        return Fail(TooLarge(max));
                    }

                    continue;
                }

                if (!Fields.Contains(name, StringComparer.Ordinal))
                {
                    return Fail(ApiV1.BadRequest($"'{Clip(name)}' is not a field of a submission; the fields are {FilePart} (the file), {string.Join(", ", Fields)}."));
                }

                if (values.ContainsKey(name))
                {
                    return Fail(ApiV1.BadRequest($"The field '{name}' was sent twice; send it once."));
                }

                var bytes = await BoundedBody.ReadAsync(section.Body, null, MaxFieldBytes, cancellationToken);
                if (bytes is null)
                {
                    return Fail(ApiV1.BadRequest($"The field '{name}' is longer than {MaxFieldBytes / 1024} KiB."));
                }

                values[name] = System.Text.Encoding.UTF8.GetString(bytes);
            }
        }
        catch (InvalidDataException ex)
        {
            // The multipart framing itself is broken (no closing boundary, headers past their limits).
            return Fail(ApiV1.BadRequest($"The multipart body could not be read: {ex.Message}"));
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(ApiV1.BadRequest("The request body ended before the form did."));
        }

        return new Form(file, values, null);
    }

    private static SubmissionMeta? Meta(Dictionary<string, string> values)
    {
        if (MetaProblem(values) is not null)
        {
            return null;
        }

        string? Text(string name) => values.TryGetValue(name, out var v) && v.Trim() is { Length: > 0 } t ? t : null;
        return new SubmissionMeta("api")
        {
            Method = Text("method"),
            Description = Text("description"),
            CodeUrl = Text("code") is { } code ? new Uri(code).AbsoluteUri : null,
            PaperUrl = Text("paper") is { } paper ? new Uri(paper).AbsoluteUri : null,
            TimePerEventMs = Text("time-per-event") is { } t && ChallengeRules.TryParseTimePerEvent(t, out var ms) ? ms : null,
        };
    }

    /// <summary>The first field that cannot be used, as a sentence; the same limits as /challenge submit.</summary>
    private static string? MetaProblem(Dictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            if (InputRules.Problem(value) is { } problem)
            {
                return InputRules.Refusal($"'{name}'", problem);
            }
        }

        string? Text(string name) => values.TryGetValue(name, out var v) && v.Trim() is { Length: > 0 } t ? t : null;
        if (Text("method") is { Length: > 200 })
        {
            return "'method' can be at most 200 characters.";
        }

        if (Text("description") is { Length: > 2000 })
        {
            return "'description' can be at most 2000 characters.";
        }

        foreach (var name in new[] { "code", "paper" })
        {
            if (Text(name) is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            {
                return $"'{name}' must be a web address starting with https://, not '{Clip(url)}'.";
            }
        }

        if (Text("time-per-event") is { } time && !ChallengeRules.TryParseTimePerEvent(time, out _))
        {
            return $"'time-per-event' must be a time such as 3ms, 1.5s or 200us, not '{Clip(time)}'.";
        }

        return null;
    }

    /// <summary>The multipart form as the OpenAPI document shows it: the file part and the text fields.</summary>
    private static OpenApiRequestBody RequestBody()
    {
        static OpenApiSchema Text(string description, string? format = null) => new() { Type = JsonSchemaType.String, Format = format, Description = description };
        return new OpenApiRequestBody
        {
            Required = true,
            Description = "The predictions file and what to show beside its score.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { FilePart },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [FilePart] = Text("The predictions, CSV with the header id,score (or id,<class>… for several classes).", "binary"),
                            ["method"] = Text("The method's name, at most 200 characters."),
                            ["description"] = Text("The method in a few sentences, at most 2000 characters."),
                            ["code"] = Text("Where the code is (http or https).", "uri"),
                            ["paper"] = Text("A paper describing the method (http or https).", "uri"),
                            ["time-per-event"] = Text("Inference time per event, e.g. 3ms, 1.5s or 200us."),
                        },
                    },
                },
            },
        };
    }

    private static ProblemHttpResult TooLarge(long max) => TypedResults.Problem(
        detail: $"The upload is larger than the limit of {max:N0} bytes (Challenges:MaxUploadBytes).",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Payload too large");

    private static string Clip(string text) => InputRules.Visible(text.Length > 40 ? text[..40] + "…" : text);
}

/// <summary>A queued submission: its id, the challenge, its state, the file's size and SHA-256, and what happens next.</summary>
public sealed record SubmissionQueued(int Id, string Challenge, string State, long FileBytes, string Sha256, string Message);
