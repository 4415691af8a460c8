using System.Globalization;
using System.Security.Cryptography;
using CollabBot.Core.Challenges;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Features.Challenges;

/// <summary>What comes with a submitted file besides its bytes.</summary>
/// <param name="Source">How it arrived: <c>url</c>, <c>slack-file</c>, <c>discord-attachment</c>, <c>api</c>, <c>seed</c>.</param>
public sealed record SubmissionMeta(string Source)
{
    public string? Method { get; init; }
    public string? Description { get; init; }
    public string? CodeUrl { get; init; }
    public string? PaperUrl { get; init; }

    /// <summary>Inference time per event in milliseconds (<see cref="ChallengeRules.TryParseTimePerEvent"/> reads "3ms", "1.5 s", "200us").</summary>
    public double? TimePerEventMs { get; init; }

    /// <summary>Where the result is posted: the channel the file came from; null sends it to the submitter's direct messages.</summary>
    public ChannelAddress? ReplyTo { get; init; }
}

/// <summary>The submission recorded as queued, or the reply that says why not (refused, invalid): exactly one is set.</summary>
public sealed record SubmissionAcceptance(ChallengeSubmission? Submission, Reply? Problem)
{
    public bool IsAccepted => Submission is not null;
}

/// <summary>Wakes the scoring worker as soon as a submission is queued, instead of waiting for its next poll.</summary>
public sealed class ChallengeScoringSignal : WakeSignal;

/// <summary>
/// The one way a submission enters a challenge, whatever carried it (a <c>--url</c>, a Slack file, a Discord
/// attachment, the API): <see cref="AcceptAsync"/> applies the challenge's rules (open, who may submit, the daily
/// limit), reads the file once within <c>Challenges:MaxUploadBytes</c>, refuses an empty or binary one at once, records
/// the submission as queued with its file and wakes the scoring worker (<c>ChallengeScoring</c>), which scores it
/// against the hidden truth and posts the result where <see cref="SubmissionMeta.ReplyTo"/> says.
/// </summary>
public sealed class ChallengeSubmissions(IOptionsMonitor<ChallengesOptions> options, ChallengeScoringSignal signal, TimeProvider clock)
{
    /// <summary>
    /// Checks the rules, reads the file and records it as queued (saved in <paramref name="db"/>, within any transaction
    /// it has open). Nothing is recorded when a rule or the file refuses it, so refusals never count against the limit.
    /// </summary>
    /// <param name="db">The caller's context; the challenge must have been loaded from it with its dataset and group.</param>
    /// <param name="openFile">Opens the file's bytes; called only once the rules allow the submission (so nothing is downloaded for a closed challenge). The stream is disposed here. Throw <see cref="SubmissionFileUnavailableException"/> when the file cannot be had (a refused download): it becomes the reply.</param>
    public async Task<SubmissionAcceptance> AcceptAsync(CollabBotDbContext db, Challenge challenge, Person person,
        Func<CancellationToken, Task<Stream>> openFile, SubmissionMeta meta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(openFile);
        ArgumentNullException.ThrowIfNull(meta);
        var now = clock.GetUtcNow();
        var (refusal, team) = await CheckRulesAsync(db, challenge, person, now, cancellationToken);
        if (refusal is not null)
        {
            return Refuse(refusal);
        }

        var max = options.CurrentValue.MaxUploadBytes;
        byte[] bytes;
        try
        {
            await using var stream = await openFile(cancellationToken);
            var (content, error) = await ReadBoundedAsync(stream, max, cancellationToken);
            if (error is not null)
            {
                return Refuse(Reply.Invalid($"Your file was not accepted: {error} It does not count against your daily limit."));
            }

            bytes = content!;
        }
        catch (SubmissionFileUnavailableException unavailable)
        {
            return Refuse(Reply.Invalid($"Your file was not accepted: {unavailable.Message} It does not count against your daily limit."));
        }

        var submission = new ChallengeSubmission
        {
            ChallengeId = challenge.Id,
            Challenge = challenge,
            PersonId = person.Id,
            TeamId = team?.Id,
            State = SubmissionState.Queued,
            Method = meta.Method,
            Description = meta.Description,
            CodeUrl = meta.CodeUrl,
            PaperUrl = meta.PaperUrl,
            TimePerEventMs = meta.TimePerEventMs,
            Source = meta.Source,
            FileBytes = bytes.Length,
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            ReplyPlatform = meta.ReplyTo?.Platform,
            ReplyTenant = meta.ReplyTo?.Tenant,
            ReplyChannelId = meta.ReplyTo?.ChannelId,
            CreatedAt = now,
        };
        db.ChallengeSubmissions.Add(submission);
        db.ChallengeSubmissionFiles.Add(new ChallengeSubmissionFile { Submission = submission, Content = bytes });
        await db.SaveChangesAsync(cancellationToken);
        signal.Pulse();
        return new SubmissionAcceptance(submission, null);

        static SubmissionAcceptance Refuse(Reply reply) => new(null, reply);
    }

    /// <summary>Why the challenge's rules refuse a submission from <paramref name="person"/> now (not open, members only, the daily limit); null when they allow it.</summary>
    public async Task<Reply?> RefusalAsync(CollabBotDbContext db, Challenge challenge, Person person, CancellationToken cancellationToken) =>
        (await CheckRulesAsync(db, challenge, person, clock.GetUtcNow(), cancellationToken)).Refusal;

    private static async Task<(Reply? Refusal, ChallengeTeam? Team)> CheckRulesAsync(CollabBotDbContext db, Challenge challenge, Person person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ChallengeRules.WhyClosed(challenge, now) is { } closed)
        {
            return (Reply.Refused(closed), null);
        }

        var group = challenge.Dataset.Group;
        if (challenge.WhoMaySubmit == SubmissionPolicy.Members
            && !await db.Memberships.AnyAsync(m => m.GroupId == group.Id && m.PersonId == person.Id && m.EndedAt == null, cancellationToken))
        {
            return (Reply.Refused($"Only members of {group.Slug} can submit to {challenge.Slug}. " + (group.IsOpen
                ? $"/wg join {group.Slug} makes you one."
                : $"{group.Slug} is a closed group: /wg join {group.Slug} asks its conveners to let you in.")), null);
        }

        var team = await ChallengeRules.TeamOfAsync(db, challenge.Id, person.Id, cancellationToken);
        var used = await ChallengeRules.UsedTodayAsync(db, challenge.Id, person.Id, team?.Id, now, cancellationToken);
        if (used >= challenge.DailyLimit)
        {
            var who = team is null ? "You have" : $"Your team {team.Name} has";
            return (Reply.Refused(string.Create(CultureInfo.InvariantCulture,
                $"{who} used today's {challenge.DailyLimit} submission{(challenge.DailyLimit == 1 ? "" : "s")} to {challenge.Slug}; the count starts again at 00:00 UTC. Files refused as bad do not count.")), team);
        }

        return (null, team);
    }

    /// <summary>The whole file, or a sentence: larger than the limit, empty, or binary (a NUL byte); the CSV rules are the scorer's.</summary>
    internal static async Task<(byte[]? Content, string? Error)> ReadBoundedAsync(Stream stream, long max, CancellationToken cancellationToken)
    {
        if (stream.CanSeek && stream.Length - stream.Position > max)
        {
            return (null, FileError.TooLarge(max).Message);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return (null, FileError.TooLarge(max).Message);
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        if (bytes.AsSpan().Trim("\r\n \t"u8).IsEmpty)
        {
            return (null, "The file is empty: a submission starts with its header line (id,score) and has one row per id.");
        }

        if (bytes.AsSpan().IndexOf((byte)0) >= 0)
        {
            return (null, "The file contains a NUL byte: this is a binary file, not CSV text. Send a UTF-8 CSV file.");
        }

        return (bytes, null);
    }
}
