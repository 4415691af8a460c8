using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Challenges;

/// <summary>Thrown by a submission's file opener when the file cannot be had (a refused download); <see cref="ChallengeSubmissions.AcceptAsync"/> turns it into an invalid reply.</summary>
public sealed class SubmissionFileUnavailableException(string message) : Exception(message);

/// <summary><c>/challenge submit</c>: a prediction file by <c>--url</c>, downloaded under the download rules and queued for scoring.</summary>
[Command("challenge submit")]
public sealed class ChallengeSubmit(SafeDownloader downloader, ChallengeSubmissions submissions) : CommandHandler<ChallengeSubmit.Args>
{
    public sealed record Args(string? Url, string? Method, string? Description, string? Code, string? Paper, string? TimePerEvent);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        if (args.Url is null)
        {
            return Reply.Invalid($"Give your predictions' address with --url (a CSV: id,score), or attach the file to /challenge submit {challenge.Slug}.", context.Usage);
        }

        if (Meta(args, context, "url") is not { } meta)
        {
            return Reply.Invalid(MetaProblem(args)!, context.Usage);
        }

        var acceptance = await submissions.AcceptAsync(context.Db, challenge, context.Caller, async ct =>
        {
            var (result, body) = await downloader.GetBytesAsync(new DownloadRequest(new Uri(args.Url)), ct);
            return result.IsSuccess ? new MemoryStream(body, writable: false) : throw new SubmissionFileUnavailableException(result.Error ?? "The download failed.");
        }, meta, cancellationToken);
        return acceptance.Problem ?? Received(acceptance.Submission!, context.Channel is null);
    }

    /// <summary>The submission's details, or null when one is not acceptable (<see cref="MetaProblem"/> says which).</summary>
    internal static SubmissionMeta? Meta(Args args, CommandContext context, string source)
    {
        if (MetaProblem(args) is not null)
        {
            return null;
        }

        double? ms = args.TimePerEvent is { } t && ChallengeRules.TryParseTimePerEvent(t, out var parsed) ? parsed : null;
        return new SubmissionMeta(source)
        {
            Method = args.Method?.Trim() is { Length: > 0 } m ? m : null,
            Description = args.Description?.Trim() is { Length: > 0 } d ? d : null,
            CodeUrl = args.Code,
            PaperUrl = args.Paper,
            TimePerEventMs = ms,
            ReplyTo = context.Channel is { } c ? new ChannelAddress(c.Platform, c.Tenant, c.ChannelId) : null,
        };
    }

    internal static string? MetaProblem(Args args)
    {
        if (args.Method is { Length: > 200 })
        {
            return "--method can be at most 200 characters.";
        }

        if (args.Description is { Length: > 2000 })
        {
            return "--description can be at most 2000 characters.";
        }

        if (args.TimePerEvent is { } t && !ChallengeRules.TryParseTimePerEvent(t, out _))
        {
            return $"--time-per-event must be a time such as 3ms, 1.5s or 200us, not '{Values.Clipping.Clip(t, 40)}'.";
        }

        return null;
    }

    public static Reply Received(ChallengeSubmission submission, bool toDirectMessages) =>
        new ReplyBuilder($"Received submission #{submission.Id} to {submission.Challenge.Slug}")
            .Line(string.Create(CultureInfo.InvariantCulture, $"Your file ({submission.FileBytes:N0} bytes, SHA-256 {submission.FileSha256[..12]}…) is queued for scoring; the result will be posted {(toDirectMessages ? "to you directly" : "here")}."))
            .Line(Line.Of(new Text("Your submissions: "), new Code($"/challenge mine {submission.Challenge.Slug}")))
            .Build();
}
