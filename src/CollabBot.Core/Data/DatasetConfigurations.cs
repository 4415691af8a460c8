using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Data;

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    public void Configure(EntityTypeBuilder<Dataset> b)
    {
        b.ToTable("datasets");
        b.HasIndex(d => d.Slug).IsUnique();
        b.HasIndex(d => new { d.RepoOwner, d.RepoName });
        b.HasOne(d => d.Group).WithMany().HasForeignKey(d => d.GroupId);
        b.Property(d => d.Slug).HasMaxLength(40);
        b.Property(d => d.Title).HasMaxLength(200);
        b.Property(d => d.RepoOwner).HasMaxLength(39);
        b.Property(d => d.RepoName).HasMaxLength(100);
        b.Property(d => d.Label).HasMaxLength(50);
        b.Property(d => d.Url).HasMaxLength(500);
        b.Property(d => d.Doi).HasMaxLength(200);
        b.Property(d => d.License).HasMaxLength(64);
        b.Ignore(d => d.Repository);
        b.Ignore(d => d.HasRepository);
        b.Ignore(d => d.IssueLabel);
    }
}

internal sealed class DatasetVersionConfiguration : IEntityTypeConfiguration<DatasetVersion>
{
    public void Configure(EntityTypeBuilder<DatasetVersion> b)
    {
        b.ToTable("dataset_versions");

        // The guarantee that a version is never overwritten lives here, not only in the handler.
        b.HasIndex(v => new { v.DatasetId, v.Name }).IsUnique();
        b.HasOne(v => v.Dataset).WithMany(d => d.Versions).HasForeignKey(v => v.DatasetId);
        b.HasOne(v => v.RecordedBy).WithMany().HasForeignKey(v => v.RecordedByPersonId);
        b.Property(v => v.Name).HasMaxLength(64);
        b.Property(v => v.Doi).HasMaxLength(200);
        b.Property(v => v.Url).HasMaxLength(500);
        b.Property(v => v.ReleasedOn).HasMaxLength(10);
        b.Property(v => v.Notes).HasMaxLength(2000);
    }
}

internal sealed class DatasetTrackingConfiguration : IEntityTypeConfiguration<DatasetTracking>
{
    public void Configure(EntityTypeBuilder<DatasetTracking> b)
    {
        b.ToTable("dataset_trackings");
        b.HasIndex(t => new { t.DatasetId, t.Platform, t.Tenant, t.ChannelId });
        b.HasOne(t => t.Dataset).WithMany(d => d.Trackings).HasForeignKey(t => t.DatasetId);
        b.Property(t => t.Platform).HasMaxLength(16);
        b.Property(t => t.Tenant).HasMaxLength(64);
        b.Property(t => t.ChannelId).HasMaxLength(64);
    }
}

internal sealed class GitHubPollStateConfiguration : IEntityTypeConfiguration<GitHubPollState>
{
    public void Configure(EntityTypeBuilder<GitHubPollState> b)
    {
        b.ToTable("github_poll_states");
        b.HasIndex(s => s.DatasetId).IsUnique();
        b.HasOne(s => s.Dataset).WithMany().HasForeignKey(s => s.DatasetId);
        b.Property(s => s.RequestKey).HasMaxLength(300);
        b.Property(s => s.ETag).HasMaxLength(200);

        // The webhook and the poller may both advance the same state; one of them retries rather than posting twice.
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
