using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Data;

internal sealed class DigestScheduleConfiguration : IEntityTypeConfiguration<DigestSchedule>
{
    public void Configure(EntityTypeBuilder<DigestSchedule> b)
    {
        b.ToTable("digest_schedules");
        b.HasIndex(d => d.GroupId).IsUnique();
        b.HasOne(d => d.Group).WithMany().HasForeignKey(d => d.GroupId);
        b.Property(d => d.Every).HasConversion<string>().HasMaxLength(8);
        b.Property(d => d.Time).HasMaxLength(5);
    }
}

internal sealed class CalendarTokenConfiguration : IEntityTypeConfiguration<CalendarToken>
{
    public void Configure(EntityTypeBuilder<CalendarToken> b)
    {
        b.ToTable("calendar_tokens");
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => t.PersonId);
        b.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId);
        b.Property(t => t.Hash).HasMaxLength(64);
    }
}
