using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Features.Challenges;

/// <summary>Thrown by a submission's file opener when the file cannot be had (a refused download); <see cref="ChallengeSubmissions.AcceptAsync"/> turns it into an invalid reply.</summary>
public sealed class SubmissionFileUnavailableException(string message) : Exception(message);

/// <summary>
/// <c>/challenge submit</c>: a prediction file that came with the command (a Discord attachment, a file shared in Slack
/// with the command as its message) or by <c>--url</c>, fetched under the download rules and queued for scoring.
/// The file is fetched before the command's transaction, once the challenge's rules allow the submission; the rules
/// are applied again, with the file, inside it.
/// </summary>
[Command("challenge submit")]
public sealed class ChallengeSubmit(SafeDownloader downloader, ChallengeSubmissions submissions, IOptionsMonitor<ChallengesOptions> options) : FetchFirstHandler<ChallengeSubmit.Args, FetchedFile>
{
    public sealed record Args(string? Url, IncomingFile? File, string? Method, string? Description, string? Code, string? Paper, string? TimePerEvent);

    public override async Task<Fetched<FetchedFile>> FetchAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var challenge = context.Ref<Challenge>();
        if (args.Url is not null && args.File is not null)
        {
            return Reply.Invalid($"Send one file: attach it, or give --url, not both.", context.Usage);
        }

        var file = args.File ?? (args.Url is { } url ? IncomingFile.FromUrl(new Uri(url), downloader) : null);
        if (file is null)
        {
            return Reply.Invalid($"Attach your predictions (a CSV: id,score) to /challenge submit {challenge.Slug} (on Slack, share the file with the command as its message), or give their address with --url.", context.Usage);
        }

        if (MetaProblem(args) is { } problem)
        {
            return Reply.Invalid(problem, context.Usage);
        }

        // Nothing is downloaded for a submission the rules refuse (a closed challenge, the daily limit).
        if (await submissions.RefusalAsync(context.Db, challenge, context.Caller, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await FetchedFile.FetchAsync(file, options.CurrentValue.MaxUploadBytes, cancellationToken);
    }

    public override async Task<Reply> HandleAsync(Args args, FetchedFile fetched, CommandContext context, CancellationToken cancellationToken)
    {
        var acceptance = await submissions.AcceptAsync(
            context.Db,
            context.Ref<Challenge>(),
            context.Caller,
            _ => Task.FromResult(fetched.IsOpen ? fetched.Read() : throw new SubmissionFileUnavailableException(fetched.Error!)),
            Meta(args, context, fetched.Source)!,
            cancellationToken);
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
