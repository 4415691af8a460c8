using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Data;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.ToTable("projects");
        b.HasIndex(p => p.Slug).IsUnique();
        b.HasIndex(p => p.GroupId);
        b.Property(p => p.Slug).HasMaxLength(40);
        b.Property(p => p.Title).HasMaxLength(500);
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasOne(p => p.Group).WithMany().HasForeignKey(p => p.GroupId);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.CreatedByPersonId);
    }
}

internal sealed class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> b)
    {
        b.ToTable("contributions");

        // The author list reads a project's confirmed contributions; this index answers it without a table scan.
        b.HasIndex(c => new { c.ProjectId, c.Status });
        b.HasIndex(c => c.PersonId);
        b.HasOne(c => c.Project).WithMany(p => p.Contributions).HasForeignKey(c => c.ProjectId);
        b.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.RecordedByPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.DecidedByPersonId).OnDelete(DeleteBehavior.Restrict);

        // Roles are stored by their stable CRediT key (data-curation), not by the enum's name or number.
        b.Property(c => c.Role)
            .HasConversion(r => CreditTaxonomy.Key(r), k => CreditTaxonomy.ParseKey(k))
            .HasMaxLength(32);
        b.Property(c => c.Degree).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Note).HasMaxLength(500);
        b.Property(c => c.Reason).HasMaxLength(500);
    }
}

internal sealed class LinkCodeConfiguration : IEntityTypeConfiguration<LinkCode>
{
    public void Configure(EntityTypeBuilder<LinkCode> b)
    {
        b.ToTable("link_codes");
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Code).HasMaxLength(16);
        b.Property(c => c.IdentityKey).HasMaxLength(200);
        b.Property(c => c.UsedByIdentityKey).HasMaxLength(200);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => t.PersonId);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.Property(t => t.IssuedBy).HasMaxLength(200);
        b.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId);
    }
}
