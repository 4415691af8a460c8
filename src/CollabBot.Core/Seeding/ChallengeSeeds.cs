using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CollabBot.Core.Challenges;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Challenges;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Seeding;

/// <summary>
/// A demo challenge in a seed file. Its truth and submissions are generated, deterministically, from the numbers
/// here (a demo has no real test labels): <see cref="TruthSeed"/> draws each row's label, each submission's
/// <see cref="SeedSubmission.Quality"/> mixes the label with noise from its own seed, and the engine scores them
/// exactly as the scoring worker would. The split seed is derived from the slug, so the demo board is the same on
/// every machine.
/// </summary>
public sealed class SeedChallenge
{
    public string Slug { get; set; } = "";
    public string Dataset { get; set; } = "";
    public string? Version { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? Task { get; set; }
    public List<string> Metrics { get; set; } = [];
    public double PublicFraction { get; set; } = 0.5;
    public int DailyLimit { get; set; } = 5;
    public double? Target { get; set; }
    public int OpenedDaysAgo { get; set; } = 14;
    public int ClosesInDays { get; set; } = 30;
    public int Rows { get; set; } = 1000;
    public double SignalFraction { get; set; } = 0.5;
    public int TruthSeed { get; set; } = 1;
    public List<SeedBaseline> Baselines { get; set; } = [];
    public List<SeedSubmission> Submissions { get; set; } = [];
}

public sealed class SeedBaseline
{
    public double Score { get; set; }
    public string Method { get; set; } = "";
    public string? Url { get; set; }
}

public sealed class SeedSubmission
{
    /// <summary>A person's id in community.yaml.</summary>
    public string Person { get; set; } = "";
    public double Quality { get; set; }
    public int NoiseSeed { get; set; } = 1;
    public string? Method { get; set; }
    public string? Code { get; set; }
    public string? Paper { get; set; }
    public string? TimePerEvent { get; set; }
    public int DaysAgo { get; set; }
}

public static class ChallengeSeeds
{
    /// <summary>Adds the challenges whose slug is missing; returns how many.</summary>
    public static async Task<int> LoadAsync(CollabBotDbContext db, IReadOnlyList<SeedChallenge> challenges, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var s in challenges)
        {
            if (await db.Challenges.AnyAsync(c => c.Slug == s.Slug, cancellationToken))
            {
                continue;
            }

            var dataset = await db.Datasets.Include(d => d.Group).Include(d => d.Versions).FirstOrDefaultAsync(d => d.Slug == s.Dataset, cancellationToken)
                ?? db.Datasets.Local.FirstOrDefault(d => d.Slug == s.Dataset)
                ?? throw new SeedException($"{source}: challenge {s.Slug}: there is no dataset '{s.Dataset}' (load the datasets' file first).");
            var metrics = new List<Metric>();
            foreach (var name in s.Metrics)
            {
                metrics.Add(Metric.TryParse(name, out var m, out var error) ? m : throw new SeedException($"{source}: challenge {s.Slug}: {error}"));
            }

            var truthCsv = TruthCsv(s);
            var setup = new TruthSetup(metrics, SHA256.HashData(Encoding.UTF8.GetBytes("collabbot-demo:" + s.Slug)), s.PublicFraction);
            if (!Truth.TryLoad(new MemoryStream(truthCsv, writable: false), setup, long.MaxValue, out var truth, out var truthError, cancellationToken))
            {
                throw new SeedException($"{source}: challenge {s.Slug}: the generated truth is refused: {truthError.Message}");
            }

            var challenge = new Challenge
            {
                Dataset = dataset,
                DatasetVersion = s.Version is null ? null : dataset.Versions.FirstOrDefault(v => v.Name == s.Version)
                    ?? throw new SeedException($"{source}: challenge {s.Slug}: {s.Dataset} has no version {s.Version}."),
                Slug = s.Slug,
                Title = s.Title,
                Description = s.Description?.Trim(),
                Task = s.Task?.Trim(),
                Metrics = string.Join(',', metrics.Select(m => m.Name)),
                PublicFraction = s.PublicFraction,
                DailyLimit = s.DailyLimit,
                WhoMaySubmit = SubmissionPolicy.Anyone,
                State = ChallengeState.Open,
                Seed = setup.Seed.ToArray(),
                Target = s.Target,
                TruthSha256 = truth.Sha256,
                TruthRows = truth.RowCount,
                TruthPublicRows = truth.PublicRowCount,
                CreatedAt = now.AddDays(-s.OpenedDaysAgo - 1),
                OpenedAt = now.AddDays(-s.OpenedDaysAgo),
                ClosesAt = new DateTimeOffset(now.UtcDateTime.Date.AddDays(s.ClosesInDays), TimeSpan.Zero),
            };
            db.Challenges.Add(challenge);
            var truthRow = new ChallengeTruth { Challenge = challenge, Content = truthCsv, Sha256 = truth.Sha256, RowCount = truth.RowCount, UploadedAt = challenge.CreatedAt };
            db.ChallengeTruths.Add(truthRow);
            foreach (var b in s.Baselines)
            {
                challenge.Baselines.Add(new ChallengeBaseline { Challenge = challenge, Score = b.Score, Method = b.Method, Url = b.Url, RecordedAt = challenge.CreatedAt });
            }

            var submissions = new List<ChallengeSubmission>();
            foreach (var sub in s.Submissions.OrderByDescending(x => x.DaysAgo))
            {
                var person = await db.Identities.Where(i => i.Handle == sub.Person).Select(i => i.Person).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new SeedException($"{source}: challenge {s.Slug}: there is no person '{sub.Person}'.");
                var file = SubmissionCsv(s, sub);
                if (!truth.TryScore(new MemoryStream(file, writable: false), long.MaxValue, out var score, out var error, cancellationToken))
                {
                    throw new SeedException($"{source}: challenge {s.Slug}: a generated submission is refused: {error.Message}");
                }

                double? ms = sub.TimePerEvent is { } t && ChallengeRules.TryParseTimePerEvent(t, out var parsed) ? parsed : null;
                var at = now.AddDays(-sub.DaysAgo);
                var submission = new ChallengeSubmission
                {
                    Challenge = challenge,
                    Person = person,
                    State = SubmissionState.Scored,
                    PublicScore = score.Primary.Public,
                    PrivateScore = score.Primary.Private,
                    ScoresJson = JsonSerializer.Serialize(score.Scores.Select(x => new StoredScore(x.Metric.Name, x.Public, x.Private)), ChallengeScoring.ScoreJson),
                    Method = sub.Method,
                    CodeUrl = sub.Code,
                    PaperUrl = sub.Paper,
                    TimePerEventMs = ms,
                    Source = "seed",
                    FileBytes = file.Length,
                    FileSha256 = Convert.ToHexStringLower(SHA256.HashData(file)),
                    CreatedAt = at,
                    ScoredAt = at,
                };
                db.ChallengeSubmissions.Add(submission);
                db.ChallengeSubmissionFiles.Add(new ChallengeSubmissionFile { Submission = submission, Content = file });
                submissions.Add(submission);
            }

            await db.SaveChangesAsync(cancellationToken);
            challenge.TruthId = truthRow.Id;
            challenge.LeaderSubmissionId = ChallengeBoard.Compute(challenge, submissions, BoardPart.Public).Leader?.Best.Id;
            added++;
        }

        return added;
    }

    private static string Id(int i) => string.Create(CultureInfo.InvariantCulture, $"shower-{i:00000}");

    private static int[] Labels(SeedChallenge s)
    {
        var random = new Random(s.TruthSeed);
        return [.. Enumerable.Range(0, s.Rows).Select(_ => random.NextDouble() < s.SignalFraction ? 1 : 0)];
    }

    private static byte[] TruthCsv(SeedChallenge s)
    {
        var labels = Labels(s);
        var sb = new StringBuilder("id,label\n");
        for (var i = 0; i < labels.Length; i++)
        {
            sb.Append(Id(i)).Append(',').Append(labels[i]).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static byte[] SubmissionCsv(SeedChallenge s, SeedSubmission sub)
    {
        var labels = Labels(s);
        var noise = new Random(sub.NoiseSeed);
        var sb = new StringBuilder("id,score\n");
        for (var i = 0; i < labels.Length; i++)
        {
            var score = (sub.Quality * labels[i]) + ((1 - sub.Quality) * noise.NextDouble());
            sb.Append(Id(i)).Append(',').Append(score.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
