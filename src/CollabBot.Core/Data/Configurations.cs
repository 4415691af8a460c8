using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Data;

internal sealed class WorkingGroupConfiguration : IEntityTypeConfiguration<WorkingGroup>
{
    public void Configure(EntityTypeBuilder<WorkingGroup> b)
    {
        b.ToTable("working_groups");
        b.HasIndex(g => g.Slug).IsUnique();
        b.Property(g => g.Slug).HasMaxLength(40);
        b.Property(g => g.Name).HasMaxLength(200);
        b.Property(g => g.Description).HasMaxLength(4000);
        b.Property(g => g.Welcome).HasMaxLength(Features.Wg.Newcomers.MaxWelcome);
        b.Property(g => g.TimeZone).HasMaxLength(64);
        b.Property(g => g.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(g => g.Version).IsConcurrencyToken();
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("people");
        b.Property(p => p.DisplayName).HasMaxLength(200);
        b.Property(p => p.GivenName).HasMaxLength(200);
        b.Property(p => p.FamilyName).HasMaxLength(200);
        b.Property(p => p.NameParticle).HasMaxLength(50);
        b.Property(p => p.Suffix).HasMaxLength(50);
        b.Property(p => p.Orcid).HasMaxLength(19);
        b.Property(p => p.TimeZone).HasMaxLength(64);
        b.Property(p => p.RemindOffsets).HasMaxLength(100);
        b.Property(p => p.RemindVia).HasConversion<string>().HasMaxLength(8);
        b.Property(p => p.RemindFor).HasConversion<string>().HasMaxLength(8);
    }
}

internal sealed class IdentityConfiguration : IEntityTypeConfiguration<Identity>
{
    public void Configure(EntityTypeBuilder<Identity> b)
    {
        b.ToTable("identities");
        b.HasIndex(i => i.Key).IsUnique();
        b.Property(i => i.Key).HasMaxLength(200);
        b.Property(i => i.Platform).HasMaxLength(16);
        b.Property(i => i.Handle).HasMaxLength(200);
        b.HasOne(i => i.Person).WithMany(p => p.Identities).HasForeignKey(i => i.PersonId);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasIndex(m => new { m.GroupId, m.PersonId }).IsUnique();
        b.HasOne(m => m.Group).WithMany(g => g.Memberships).HasForeignKey(m => m.GroupId);
        b.HasOne(m => m.Person).WithMany(p => p.Memberships).HasForeignKey(m => m.PersonId);
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.Version).IsConcurrencyToken();
    }
}

internal sealed class ChannelLinkConfiguration : IEntityTypeConfiguration<ChannelLink>
{
    public void Configure(EntityTypeBuilder<ChannelLink> b)
    {
        b.ToTable("channel_links");
        b.HasIndex(c => new { c.Platform, c.Tenant, c.ChannelId, c.GroupId });
        b.HasOne(c => c.Group).WithMany(g => g.ChannelLinks).HasForeignKey(c => c.GroupId);
        b.Property(c => c.Platform).HasMaxLength(16);
        b.Property(c => c.Tenant).HasMaxLength(64);
        b.Property(c => c.ChannelId).HasMaxLength(64);
        b.Property(c => c.ChannelName).HasMaxLength(200);
    }
}

internal sealed class JoinRequestConfiguration : IEntityTypeConfiguration<JoinRequest>
{
    public void Configure(EntityTypeBuilder<JoinRequest> b)
    {
        b.ToTable("join_requests");
        b.HasIndex(j => new { j.GroupId, j.Status });
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit");
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.Entity, a.EntityKey });
        b.Property(a => a.Actor).HasMaxLength(200);
        b.Property(a => a.Platform).HasMaxLength(16);
        b.Property(a => a.Command).HasMaxLength(2000);
        b.Property(a => a.Entity).HasMaxLength(64);
        b.Property(a => a.EntityKey).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(16);
    }
}
