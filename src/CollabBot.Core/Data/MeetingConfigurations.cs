using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Data;

internal sealed class MeetingSeriesConfiguration : IEntityTypeConfiguration<MeetingSeries>
{
    public void Configure(EntityTypeBuilder<MeetingSeries> b)
    {
        b.ToTable("meeting_series");
        b.HasIndex(s => new { s.GroupId, s.Slug }).IsUnique();
        b.HasOne(s => s.Group).WithMany().HasForeignKey(s => s.GroupId);
        b.Property(s => s.Slug).HasMaxLength(60);
        b.Property(s => s.Title).HasMaxLength(200);
        b.Property(s => s.Kind).HasMaxLength(40);
        b.Property(s => s.AlternateKinds).HasMaxLength(200);
        b.Property(s => s.Rule).HasMaxLength(500);
        b.Property(s => s.StartLocal).HasMaxLength(16);
        b.Property(s => s.TimeZone).HasMaxLength(64);
        b.Property(s => s.Where).HasMaxLength(200);
        b.Property(s => s.Link).HasMaxLength(500);
        b.Property(s => s.ReminderOffsets).HasMaxLength(100);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class OccurrenceChangeConfiguration : IEntityTypeConfiguration<OccurrenceChange>
{
    public void Configure(EntityTypeBuilder<OccurrenceChange> b)
    {
        b.ToTable("occurrence_changes");
        b.HasIndex(c => new { c.SeriesId, c.OriginalDate }).IsUnique();
        b.HasOne(c => c.Series).WithMany(s => s.Changes).HasForeignKey(c => c.SeriesId);
        b.Property(c => c.OriginalDate).HasMaxLength(10);
        b.Property(c => c.NewStartLocal).HasMaxLength(16);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Reason).HasMaxLength(500);
    }
}

internal sealed class TalkConfiguration : IEntityTypeConfiguration<Talk>
{
    public void Configure(EntityTypeBuilder<Talk> b)
    {
        b.ToTable("talks");
        b.HasIndex(t => new { t.SeriesId, t.OccurrenceDate });
        b.HasOne(t => t.Series).WithMany().HasForeignKey(t => t.SeriesId);
        b.HasOne(t => t.SpeakerPerson).WithMany().HasForeignKey(t => t.SpeakerPersonId);
        b.Property(t => t.OccurrenceDate).HasMaxLength(10);
        b.Property(t => t.Title).HasMaxLength(300);
        b.Property(t => t.SpeakerName).HasMaxLength(200);
        b.Property(t => t.Link).HasMaxLength(500);
    }
}
