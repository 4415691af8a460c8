using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Data;

internal sealed class TopicIdeaConfiguration : IEntityTypeConfiguration<TopicIdea>
{
    public void Configure(EntityTypeBuilder<TopicIdea> b)
    {
        b.ToTable("topic_ideas");
        b.HasIndex(t => new { t.GroupId, t.Status });
        b.HasIndex(t => new { t.SeriesId, t.OccurrenceDate });
        b.HasOne(t => t.Group).WithMany().HasForeignKey(t => t.GroupId);
        b.HasOne(t => t.SpeakerPerson).WithMany().HasForeignKey(t => t.SpeakerPersonId);
        b.HasOne(t => t.SuggestedBy).WithMany().HasForeignKey(t => t.SuggestedByPersonId);
        b.HasOne(t => t.Series).WithMany().HasForeignKey(t => t.SeriesId);
        b.Property(t => t.Title).HasMaxLength(300);
        b.Property(t => t.Note).HasMaxLength(1000);
        b.Property(t => t.SpeakerName).HasMaxLength(200);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.OccurrenceDate).HasMaxLength(10);
        b.Property(t => t.ClosedReason).HasMaxLength(500);
    }
}

internal sealed class TopicVoteConfiguration : IEntityTypeConfiguration<TopicVote>
{
    public void Configure(EntityTypeBuilder<TopicVote> b)
    {
        b.ToTable("topic_votes");
        b.HasIndex(v => new { v.IdeaId, v.PersonId }).IsUnique();
        b.HasOne(v => v.Idea).WithMany(i => i.Votes).HasForeignKey(v => v.IdeaId);
        b.HasOne(v => v.Person).WithMany().HasForeignKey(v => v.PersonId);
    }
}

internal sealed class RsvpConfiguration : IEntityTypeConfiguration<Rsvp>
{
    public void Configure(EntityTypeBuilder<Rsvp> b)
    {
        b.ToTable("rsvps");
        b.HasIndex(r => new { r.SeriesId, r.OccurrenceDate, r.PersonId }).IsUnique();
        b.HasOne(r => r.Series).WithMany().HasForeignKey(r => r.SeriesId);
        b.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId);
        b.Property(r => r.OccurrenceDate).HasMaxLength(10);
        b.Property(r => r.Answer).HasConversion<string>().HasMaxLength(8);
    }
}

internal sealed class MeetingMinutesConfiguration : IEntityTypeConfiguration<MeetingMinutes>
{
    public void Configure(EntityTypeBuilder<MeetingMinutes> b)
    {
        b.ToTable("meeting_minutes");
        b.HasIndex(m => new { m.SeriesId, m.OccurrenceDate });
        b.HasOne(m => m.Series).WithMany().HasForeignKey(m => m.SeriesId);
        b.HasOne(m => m.AddedBy).WithMany().HasForeignKey(m => m.AddedByPersonId);
        b.Property(m => m.OccurrenceDate).HasMaxLength(10);
        b.Property(m => m.Url).HasMaxLength(500);
        b.Property(m => m.Text).HasMaxLength(4000);
    }
}

internal sealed class MeetingDutyConfiguration : IEntityTypeConfiguration<MeetingDuty>
{
    public void Configure(EntityTypeBuilder<MeetingDuty> b)
    {
        b.ToTable("meeting_duties");
        b.HasIndex(d => new { d.SeriesId, d.Name }).IsUnique();
        b.HasOne(d => d.Series).WithMany().HasForeignKey(d => d.SeriesId);
        b.Property(d => d.Name).HasMaxLength(40);
    }
}

internal sealed class DutyVolunteerConfiguration : IEntityTypeConfiguration<DutyVolunteer>
{
    public void Configure(EntityTypeBuilder<DutyVolunteer> b)
    {
        b.ToTable("duty_volunteers");
        b.HasIndex(v => new { v.DutyId, v.PersonId }).IsUnique();
        b.HasOne(v => v.Duty).WithMany(d => d.Volunteers).HasForeignKey(v => v.DutyId);
        b.HasOne(v => v.Person).WithMany().HasForeignKey(v => v.PersonId);
    }
}

internal sealed class DutyTurnConfiguration : IEntityTypeConfiguration<DutyTurn>
{
    public void Configure(EntityTypeBuilder<DutyTurn> b)
    {
        b.ToTable("duty_turns");
        b.HasIndex(t => new { t.DutyId, t.OccurrenceDate }).IsUnique();
        b.HasIndex(t => t.PersonId);
        b.HasOne(t => t.Duty).WithMany(d => d.Turns).HasForeignKey(t => t.DutyId);
        b.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId);
        b.Property(t => t.OccurrenceDate).HasMaxLength(10);
    }
}

internal sealed class DutySwapConfiguration : IEntityTypeConfiguration<DutySwap>
{
    public void Configure(EntityTypeBuilder<DutySwap> b)
    {
        b.ToTable("duty_swaps");
        b.HasIndex(s => new { s.DutyId, s.OccurrenceDate });
        b.HasIndex(s => s.ToPersonId);
        b.HasOne(s => s.Duty).WithMany().HasForeignKey(s => s.DutyId);
        b.HasOne(s => s.From).WithMany().HasForeignKey(s => s.FromPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.To).WithMany().HasForeignKey(s => s.ToPersonId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.OccurrenceDate).HasMaxLength(10);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
    }
}
