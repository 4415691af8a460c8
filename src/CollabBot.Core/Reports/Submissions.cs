using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reports;

/// <summary>A challenge submission received in the period (rejected files are not submissions: they never count).</summary>
public sealed record ReportSubmission(int ChallengeId, int PersonId, string Person);

public static class Submissions
{
    public static async Task<IReadOnlyList<ReportSubmission>> LoadAsync(ReportScope scope, CancellationToken cancellationToken) =>
        await scope.Db.ChallengeSubmissions.AsNoTracking()
            .Where(s => scope.GroupIds.Contains(s.Challenge.Dataset.GroupId) && s.Challenge.State != ChallengeState.Draft
                && s.State != SubmissionState.Rejected && s.CreatedAt >= scope.From && s.CreatedAt < scope.To)
            .OrderBy(s => s.Id)
            .Select(s => new ReportSubmission(s.ChallengeId, s.PersonId, s.Person.DisplayName))
            .ToListAsync(cancellationToken);
}
