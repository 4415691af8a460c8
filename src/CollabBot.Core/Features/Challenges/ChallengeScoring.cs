using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CollabBot.Core.Challenges;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Features.Challenges;

/// <summary>One metric's scores as stored in <see cref="ChallengeSubmission.ScoresJson"/> and returned by the API.</summary>
public sealed record StoredScore(string Metric, double? Public, double? Private);

/// <summary>
/// Scores queued submissions in the background. The queue is the <c>challenge_submissions</c> table itself: a pass
/// claims each queued row (its <see cref="ChallengeSubmission.ClaimedUntil"/> pushed out by a lease, guarded by the
/// row's version, as the outbox claims messages), scores the stored file against the challenge's truth and records
/// scored or rejected — so a submission queued before a restart, or claimed by an instance that died, is scored by the
/// next pass. The result goes to the submitter where they submitted, and a new leader to the group's channels and
/// those tracking the dataset, all through the outbox with dedupe keys.
/// </summary>
public sealed partial class ChallengeScoring(
    IServiceScopeFactory scopes,
    ChallengeTruthCache truths,
    IOptionsMonitor<ChallengesOptions> options,
    OutboxSignal outbox,
    TimeProvider clock,
    ILogger<ChallengeScoring> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>A submission whose scoring failed this many times (not a bad file: a fault of ours) is rejected with an apology.</summary>
    public const int MaxAttempts = 3;

    internal static readonly JsonSerializerOptions ScoreJson = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Scores every queued submission it can claim; returns how many it finished (scored or rejected).</summary>
    public async Task<int> ScoreQueuedAsync(CancellationToken cancellationToken = default)
    {
        var done = 0;
        while (true)
        {
            List<int> ids;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
                var now = clock.GetUtcNow();
                ids = await db.ChallengeSubmissions.AsNoTracking()
                    .Where(s => s.State == SubmissionState.Queued && (s.ClaimedUntil == null || s.ClaimedUntil < now))
                    .OrderBy(s => s.Id).Select(s => s.Id).Take(20).ToListAsync(cancellationToken);
            }

            if (ids.Count == 0)
            {
                return done;
            }

            foreach (var id in ids)
            {
                if (await ScoreOneAsync(id, cancellationToken))
                {
                    done++;
                }
            }
        }
    }

    private async Task<bool> ScoreOneAsync(int id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        db.Actor = new AuditActor("system", "system", "challenge scoring");
        var submission = await db.ChallengeSubmissions
            .Include(s => s.Person).Include(s => s.Team)
            .Include(s => s.Challenge).ThenInclude(c => c.Dataset).ThenInclude(d => d.Group)
            .Include(s => s.Challenge).ThenInclude(c => c.Baselines)
            .SingleAsync(s => s.Id == id, cancellationToken);
        var now = clock.GetUtcNow();
        if (submission.State != SubmissionState.Queued || submission.ClaimedUntil >= now)
        {
            return false;
        }

        submission.ClaimedUntil = now + Lease;
        submission.Attempts++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // another worker claimed it first
        }

        try
        {
            await ScoreClaimedAsync(db, submission, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The file and truth are not logged: only which submission failed. The lease lets a later pass retry.
            LogScoringFailed(logger, ex, submission.Id, submission.Attempts);
            if (submission.Attempts < MaxAttempts)
            {
                return false;
            }

            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }

            submission.State = SubmissionState.Rejected;
            submission.Error = "It could not be scored because of a fault on our side; it does not count against your daily limit. Please send it again.";
            submission.ClaimedUntil = null;
            await ToSubmitterAsync(db, submission, Reply.Failed($"Your submission #{submission.Id} to {submission.Challenge.Slug} could not be scored because of a fault on our side. It does not count against your daily limit; please send it again."), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        outbox.Pulse();
        return true;
    }

    private async Task ScoreClaimedAsync(CollabBotDbContext db, ChallengeSubmission submission, CancellationToken cancellationToken)
    {
        var challenge = submission.Challenge;
        var truth = await truths.GetAsync(db, challenge, cancellationToken)
            ?? throw new InvalidOperationException($"Challenge {challenge.Id} has a queued submission but no truth");
        var content = await db.ChallengeSubmissionFiles.AsNoTracking().Where(f => f.SubmissionId == submission.Id).Select(f => f.Content).SingleAsync(cancellationToken);

        using var stream = new MemoryStream(content, writable: false);
        var scored = truth.TryScore(stream, options.CurrentValue.MaxUploadBytes, out var score, out var error, cancellationToken);
        submission.ClaimedUntil = null;
        if (!scored)
        {
            submission.State = SubmissionState.Rejected;
            submission.Error = error!.Message.Length > 1000 ? error.Message[..999] + "…" : error.Message;
            await ToSubmitterAsync(db, submission, Reply.Invalid(
                $"Your submission #{submission.Id} to {challenge.Slug} was not scored: {submission.Error} It does not count against your daily limit; a submission is CSV with the header {truth.SubmissionHeader}, then one row per id."), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var part = ChallengeBoard.DefaultPart(challenge);
        var before = await ChallengeBoard.LoadAsync(db, challenge, part, cancellationToken);
        submission.State = SubmissionState.Scored;
        submission.ScoredAt = clock.GetUtcNow();
        submission.PublicScore = score!.Primary.Public;
        submission.PrivateScore = score.Primary.Private;
        submission.ScoresJson = JsonSerializer.Serialize(score.Scores.Select(s => new StoredScore(s.Metric.Name, s.Public, s.Private)), ScoreJson);

        var all = await db.ChallengeSubmissions.AsNoTracking().Include(s => s.Person).Include(s => s.Team)
            .Where(s => s.ChallengeId == challenge.Id && s.State == SubmissionState.Scored && s.Id != submission.Id)
            .ToListAsync(cancellationToken);
        all.Add(submission);
        var after = ChallengeBoard.Compute(challenge, all, part);

        await ToSubmitterAsync(db, submission, Result(submission, score, before, after), cancellationToken);
        if (after.Leader is { } leader && leader.Best.Id == submission.Id && challenge.LeaderSubmissionId != submission.Id)
        {
            challenge.LeaderSubmissionId = submission.Id;
            await ChallengeAnnouncements.ToChannelsAsync(db, challenge, NewLeader(after, before.Leader), $"challenge:{challenge.Id}:leader:{submission.Id}", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The result for the submitter: the public score(s), the rank, and the change against their best and the leader.</summary>
    private static Reply Result(ChallengeSubmission submission, SubmissionScore score, ChallengeBoard before, ChallengeBoard after)
    {
        var challenge = submission.Challenge;
        var metric = after.Metric;
        var part = after.Part == BoardPart.Public ? "public" : "private";
        var mine = ChallengeBoard.ScoreOn(submission, after.Part);
        var b = new ReplyBuilder($"Scored: {challenge.Slug} #{submission.Id}");
        if (mine is not { } value)
        {
            b.Line($"Your submission #{submission.Id} is scored; the public part of {challenge.Slug} is empty, so the board waits for the private part when the challenge closes.");
            return b.Build();
        }

        var entry = after.EntryOf(submission.PersonId, submission.TeamId);
        var rank = entry is null ? "" : string.Create(CultureInfo.InvariantCulture, $", rank {entry.Rank} of {after.Entries.Count}");
        b.Line($"Your submission #{submission.Id} to {challenge.Slug} scores {metric.Name} {Metric.Format(value)} on the {part} part{rank}.");
        foreach (var s in score.Scores.Skip(1))
        {
            var v = after.Part == BoardPart.Public ? s.Public : s.Private ?? s.Public;
            if (v is { } x)
            {
                b.Field(s.Metric.Name, Metric.Format(x));
            }
        }

        var previous = before.EntryOf(submission.PersonId, submission.TeamId);
        b.Field("Your best before", previous is null ? "none: this is your first scored submission" : $"{Metric.Format(previous.Score)} ({Delta(value, previous.Score)})");
        var leader = after.Leader!;
        b.Field("Leader", leader.Best.Id == submission.Id
            ? "you lead"
            : $"{leader.Name} {Metric.Format(leader.Score)} ({Delta(value, leader.Score)} from the lead)");
        return b.Build();
    }

    private static Reply NewLeader(ChallengeBoard board, BoardEntry? previous)
    {
        var leader = board.Leader!;
        var challenge = board.Challenge;
        var b = new ReplyBuilder($"New leader: {challenge.Title}")
            .Line($"{leader.Name} leads {challenge.Slug} with {board.Metric.Name} {Metric.Format(leader.Score)}" +
                  (previous is null ? ", the first scored submission." : $", ahead of {previous.Name} ({Metric.Format(previous.Score)})."));
        if (leader.Best.Method is { } method)
        {
            b.Field("Method", method);
        }

        b.Line(Line.Of(new Text("The board: "), new Code($"/challenge board {challenge.Slug}")));
        return b.Build();
    }

    /// <summary>"+0.0123" or "−0.0123": a difference as people read it.</summary>
    internal static string Delta(double value, double reference) =>
        double.IsInfinity(value) || double.IsInfinity(reference) ? (value == reference ? "same" : "∞ apart")
        : value == reference ? "same"
        : (value > reference ? "+" : "−") + Metric.Format(Math.Abs(value - reference));

    /// <summary>The submitter's result: to the channel the file came from, or else their direct messages. Keyed, so a retried pass sends it once.</summary>
    private static async Task ToSubmitterAsync(CollabBotDbContext db, ChallengeSubmission submission, Reply reply, CancellationToken cancellationToken)
    {
        var writer = new OutboxWriter(db);
        var key = $"challenge-submission:{submission.Id}:result";
        if (submission is { ReplyPlatform: { } platform, ReplyChannelId: { } channel })
        {
            await writer.ToChannelAsync(new ChannelAddress(platform, submission.ReplyTenant ?? "", channel), reply, new SendOptions(key), cancellationToken);
        }
        else
        {
            await writer.ToPersonAsync(submission.Person, reply, new SendOptions(key), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scoring challenge submission {SubmissionId} failed (attempt {Attempt})")]
    private static partial void LogScoringFailed(ILogger logger, Exception exception, int submissionId, int attempt);
}

/// <summary>Announcements of a challenge: to the group's linked channels and to channels tracking its dataset, each channel once.</summary>
public static class ChallengeAnnouncements
{
    public static async Task<int> ToChannelsAsync(CollabBotDbContext db, Challenge challenge, Reply reply, string dedupeKey, CancellationToken cancellationToken)
    {
        var writer = new OutboxWriter(db);
        var group = challenge.Dataset.Group;
        var told = await writer.ToGroupChannelsAsync(group, reply, new SendOptions(dedupeKey), cancellationToken);
        var groupChannels = await db.ChannelLinks.AsNoTracking()
            .Where(c => c.GroupId == group.Id && c.UnlinkedAt == null)
            .Select(c => new { c.Platform, c.Tenant, c.ChannelId })
            .ToListAsync(cancellationToken);
        var tracking = await db.DatasetTrackings.AsNoTracking()
            .Where(t => t.DatasetId == challenge.DatasetId && t.EndedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var t in tracking.Where(t => !groupChannels.Contains(new { t.Platform, t.Tenant, t.ChannelId })))
        {
            if (await writer.ToChannelAsync(new ChannelAddress(t.Platform, t.Tenant, t.ChannelId), reply,
                    new SendOptions($"{dedupeKey}:{t.Platform}:{t.Tenant}:{t.ChannelId}"), cancellationToken))
            {
                told++;
            }
        }

        return told;
    }
}
