using System.Globalization;
using CollabBot.Core.Challenges;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Downloads;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Features.Challenges;

/// <summary>
/// Storing a challenge's hidden truth, whatever carried the file (<c>--url</c>, an attachment): checked with the
/// engine (every metric computable on the whole and on both parts), stored in <c>challenge_truths</c>, and only its
/// SHA-256 and row counts put where people can see them. No reply made here quotes the file.
/// </summary>
public sealed class ChallengeTruths(IOptionsMonitor<ChallengesOptions> options, ChallengeTruthCache cache)
{
    /// <summary>Checks and stores the truth (saved in <paramref name="db"/>); the reply says what was stored, or why not.</summary>
    public async Task<Reply> UploadAsync(CollabBotDbContext db, Challenge challenge, Person by, Stream file, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (challenge.State == ChallengeState.Closed)
        {
            return Reply.Refused($"{challenge.Slug} is closed: its truth decided the final board and cannot change.");
        }

        if (challenge.State == ChallengeState.Open
            && await db.ChallengeSubmissions.AnyAsync(s => s.ChallengeId == challenge.Id && s.State != SubmissionState.Rejected, cancellationToken))
        {
            return Reply.Refused($"{challenge.Slug} already has submissions scored against its truth, so the truth cannot change now.");
        }

        var (bytes, readError) = await ChallengeSubmissions.ReadBoundedAsync(file, options.CurrentValue.MaxUploadBytes, cancellationToken);
        if (readError is not null)
        {
            return Reply.Invalid(readError.Replace("a submission starts with its header line (id,score)", "a truth file starts with its header line (id,label)", StringComparison.Ordinal));
        }

        using var stream = new MemoryStream(bytes!, writable: false);
        if (!Truth.TryLoad(stream, ChallengeRules.Setup(challenge), options.CurrentValue.MaxUploadBytes, out var truth, out var error, cancellationToken))
        {
            return Reply.Invalid($"The truth was not stored: {error.Message}");
        }

        var previous = await db.ChallengeTruths.Where(t => t.ChallengeId == challenge.Id && t.ReplacedAt == null).ToListAsync(cancellationToken);
        foreach (var old in previous)
        {
            old.ReplacedAt = now;
        }

        var row = new ChallengeTruth
        {
            ChallengeId = challenge.Id,
            Challenge = challenge,
            Content = bytes!,
            Sha256 = truth.Sha256,
            RowCount = truth.RowCount,
            UploadedAt = now,
            UploadedByPersonId = by.Id,
        };
        db.ChallengeTruths.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        challenge.TruthId = row.Id;
        challenge.TruthSha256 = truth.Sha256;
        challenge.TruthRows = truth.RowCount;
        challenge.TruthPublicRows = truth.PublicRowCount;
        await db.SaveChangesAsync(cancellationToken);
        cache.Put(challenge.Id, row.Id, truth);

        var b = new ReplyBuilder($"Stored the hidden truth of {challenge.Slug}{(previous.Count > 0 ? " (it replaces the one before)" : "")}")
            .Field("Rows", string.Create(CultureInfo.InvariantCulture, $"{truth.RowCount:N0} ({truth.PublicRowCount:N0} public, {truth.PrivateRowCount:N0} private)"))
            .Field("SHA-256", Line.Of(new Code(truth.Sha256)))
            .Field("Submissions", Line.Of(new Text("CSV with the header "), new Code(truth.SubmissionHeader), new Text(", one row per id")))
            .Line("Nobody can see, list or download the truth; only its SHA-256 and row count are shown.");
        if (challenge.State == ChallengeState.Draft)
        {
            b.Line(Line.Of(new Text("Open it with "), new Code($"/challenge open {challenge.Slug}"), new Text(".")));
        }

        return b.Build();
    }
}
