using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CollabBot.Core.Data;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> b)
    {
        b.ToTable(ResourceSearchSchema.Table);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Audience).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Title).HasMaxLength(ResourceKeys.MaxTitle);
        b.Property(r => r.TitleKey).HasMaxLength(ResourceKeys.MaxTitle);
        b.Property(r => r.Url).HasMaxLength(ResourceKeys.MaxUrl);
        b.Property(r => r.UrlKey).HasMaxLength(ResourceKeys.MaxUrl);

        // Text with one entry per line, not a JSON or array column: both databases' full-text indexes read it as it is
        // (a PostgreSQL generated column cannot call array_to_string, which is not immutable).
        b.Property(r => r.Authors).HasConversion(LinesConverter.Instance, LinesConverter.Comparer).HasMaxLength(4000);
        b.Property(r => r.Topics).HasConversion(LinesConverter.Instance, LinesConverter.Comparer).HasMaxLength(1000);
        b.Property(r => r.ArxivId).HasMaxLength(40);
        b.Property(r => r.Doi).HasMaxLength(200);
        b.Property(r => r.InspireId).HasMaxLength(20);
        b.Property(r => r.Licence).HasMaxLength(64);
        b.Property(r => r.Description).HasMaxLength(ResourceInput.MaxDescription);
        b.Property(r => r.Version).IsConcurrencyToken();

        // One entry per address, arXiv paper and DOI, however written: the database holds the guarantee, not only the importer.
        b.HasIndex(r => r.UrlKey).IsUnique();
        b.HasIndex(r => r.ArxivId).IsUnique();
        b.HasIndex(r => r.Doi).IsUnique();
        b.HasIndex(r => r.TitleKey);
        b.HasIndex(r => r.AddedAt);

        // Searches leave retired resources out through this index, not by reading every matching row.
        b.HasIndex(r => r.RetiredAt);

        // A search by kind (and level) takes the passing ids from this index alone, not from a pass over every row.
        b.HasIndex(r => new { r.Kind, r.Level, r.RetiredAt });
        b.HasOne(r => r.AddedBy).WithMany().HasForeignKey(r => r.AddedByPersonId);
        b.Ignore(r => r.IsRetired);
        b.Ignore(r => r.Ref);
    }
}

internal sealed class ResourceGroupConfiguration : IEntityTypeConfiguration<ResourceGroup>
{
    public void Configure(EntityTypeBuilder<ResourceGroup> b)
    {
        b.ToTable("resource_groups");
        b.HasKey(g => new { g.ResourceId, g.GroupId });
        b.HasIndex(g => g.GroupId);
        b.HasOne(g => g.Resource).WithMany(r => r.Groups).HasForeignKey(g => g.ResourceId);
        b.HasOne(g => g.Group).WithMany().HasForeignKey(g => g.GroupId);
    }
}

internal sealed class ResourceStarConfiguration : IEntityTypeConfiguration<ResourceStar>
{
    public void Configure(EntityTypeBuilder<ResourceStar> b)
    {
        b.ToTable("resource_stars");
        b.HasIndex(s => new { s.PersonId, s.ResourceId }).IsUnique();
        b.HasIndex(s => s.ResourceId);
        b.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId);
        b.HasOne(s => s.Resource).WithMany().HasForeignKey(s => s.ResourceId);
    }
}

internal sealed class StartHereStepConfiguration : IEntityTypeConfiguration<StartHereStep>
{
    public void Configure(EntityTypeBuilder<StartHereStep> b)
    {
        b.ToTable("start_here_steps");
        b.HasIndex(s => new { s.GroupId, s.RemovedAt, s.Position });
        b.HasOne(s => s.Group).WithMany().HasForeignKey(s => s.GroupId);
        b.HasOne(s => s.Resource).WithMany().HasForeignKey(s => s.ResourceId);
    }
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> b)
    {
        b.ToTable("topics");
        b.HasIndex(t => t.Slug).IsUnique();
        b.Property(t => t.Slug).HasMaxLength(40);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Description).HasMaxLength(500);
    }
}

internal sealed class ResourceLinkConfiguration : IEntityTypeConfiguration<ResourceLink>
{
    public void Configure(EntityTypeBuilder<ResourceLink> b)
    {
        b.ToTable("resource_links");
        b.HasKey(l => l.ResourceId);
        b.HasOne(l => l.Resource).WithOne(r => r.Link).HasForeignKey<ResourceLink>(l => l.ResourceId);
        b.HasIndex(l => l.CheckedAt);
        b.Property(l => l.LastError).HasMaxLength(300);
        b.Ignore(l => l.IsBroken);
    }
}

/// <summary>A list of one-line strings stored as text, one entry per line.</summary>
internal sealed class LinesConverter() : ValueConverter<List<string>, string>(
    v => string.Join('\n', v),
    v => v.Length == 0 ? new List<string>() : v.Split('\n', StringSplitOptions.None).ToList())
{
    public static LinesConverter Instance { get; } = new();

    public static ValueComparer<List<string>> Comparer { get; } = new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
        v => v.ToList());
}
