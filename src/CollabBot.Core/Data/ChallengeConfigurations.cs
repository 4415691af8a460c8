using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Data;

/// <summary>Marks a column the audit must never copy (a truth's bytes, a challenge's seed): its changes are recorded as "(hidden)".</summary>
internal static class AuditSecret
{
    public const string Annotation = "CollabBot:AuditSecret";

    public static PropertyBuilder<T> IsAuditSecret<T>(this PropertyBuilder<T> property) => property.HasAnnotation(Annotation, true);
}

internal sealed class ChallengeConfiguration : IEntityTypeConfiguration<Challenge>
{
    public void Configure(EntityTypeBuilder<Challenge> b)
    {
        b.ToTable("challenges");
        b.HasIndex(c => c.Slug).IsUnique();
        b.HasIndex(c => new { c.DatasetId, c.State });
        b.HasOne(c => c.Dataset).WithMany().HasForeignKey(c => c.DatasetId);
        b.HasOne(c => c.DatasetVersion).WithMany().HasForeignKey(c => c.DatasetVersionId);
        b.Property(c => c.Slug).HasMaxLength(40);
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Description).HasMaxLength(4000);
        b.Property(c => c.Task).HasMaxLength(1000);
        b.Property(c => c.Metrics).HasMaxLength(200);
        b.Property(c => c.WhoMaySubmit).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Seed).HasMaxLength(64).IsAuditSecret();
        b.Property(c => c.TruthSha256).HasMaxLength(64);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.MetricNames);
        b.Ignore(c => c.PrimaryMetric);
    }
}

internal sealed class ChallengeTruthConfiguration : IEntityTypeConfiguration<ChallengeTruth>
{
    public void Configure(EntityTypeBuilder<ChallengeTruth> b)
    {
        b.ToTable("challenge_truths");
        b.HasIndex(t => t.ChallengeId);
        b.HasOne(t => t.Challenge).WithMany().HasForeignKey(t => t.ChallengeId);
        b.Property(t => t.Content).IsAuditSecret();
        b.Property(t => t.Sha256).HasMaxLength(64);
    }
}

internal sealed class ChallengeTeamConfiguration : IEntityTypeConfiguration<ChallengeTeam>
{
    public void Configure(EntityTypeBuilder<ChallengeTeam> b)
    {
        b.ToTable("challenge_teams");
        b.HasIndex(t => new { t.ChallengeId, t.Name }).IsUnique();
        b.HasOne(t => t.Challenge).WithMany().HasForeignKey(t => t.ChallengeId);
        b.Property(t => t.Name).HasMaxLength(80);
    }
}

internal sealed class ChallengeTeamMemberConfiguration : IEntityTypeConfiguration<ChallengeTeamMember>
{
    public void Configure(EntityTypeBuilder<ChallengeTeamMember> b)
    {
        b.ToTable("challenge_team_members");
        b.HasIndex(m => new { m.ChallengeId, m.PersonId });
        b.HasOne(m => m.Team).WithMany(t => t.Members).HasForeignKey(m => m.TeamId);
        b.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId);
    }
}

internal sealed class ChallengeBaselineConfiguration : IEntityTypeConfiguration<ChallengeBaseline>
{
    public void Configure(EntityTypeBuilder<ChallengeBaseline> b)
    {
        b.ToTable("challenge_baselines");
        b.HasOne(x => x.Challenge).WithMany(c => c.Baselines).HasForeignKey(x => x.ChallengeId);
        b.Property(x => x.Method).HasMaxLength(200);
        b.Property(x => x.Url).HasMaxLength(500);
    }
}

internal sealed class ChallengeSubmissionConfiguration : IEntityTypeConfiguration<ChallengeSubmission>
{
    public void Configure(EntityTypeBuilder<ChallengeSubmission> b)
    {
        b.ToTable("challenge_submissions");
        b.HasIndex(s => new { s.ChallengeId, s.State });
        b.HasIndex(s => new { s.ChallengeId, s.PersonId, s.CreatedAt });
        b.HasIndex(s => new { s.State, s.ClaimedUntil });
        b.HasOne(s => s.Challenge).WithMany().HasForeignKey(s => s.ChallengeId);
        b.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId);
        b.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId);
        b.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Error).HasMaxLength(1000);
        b.Property(s => s.ScoresJson).HasMaxLength(4000);
        b.Property(s => s.Method).HasMaxLength(200);
        b.Property(s => s.Description).HasMaxLength(2000);
        b.Property(s => s.CodeUrl).HasMaxLength(500);
        b.Property(s => s.PaperUrl).HasMaxLength(500);
        b.Property(s => s.Source).HasMaxLength(32);
        b.Property(s => s.FileSha256).HasMaxLength(64);
        b.Property(s => s.ReplyPlatform).HasMaxLength(16);
        b.Property(s => s.ReplyTenant).HasMaxLength(64);
        b.Property(s => s.ReplyChannelId).HasMaxLength(200);

        // Claiming a submission bumps Version: two workers claiming at once collide here, and one lets it go.
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class ChallengeSubmissionFileConfiguration : IEntityTypeConfiguration<ChallengeSubmissionFile>
{
    public void Configure(EntityTypeBuilder<ChallengeSubmissionFile> b)
    {
        b.ToTable("challenge_submission_files");
        b.HasIndex(f => f.SubmissionId).IsUnique();
        b.HasOne(f => f.Submission).WithMany().HasForeignKey(f => f.SubmissionId);
        b.Property(f => f.Content).IsAuditSecret();
    }
}
