using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabBot.Core.Data;

internal sealed class DataVersionConfiguration : IEntityTypeConfiguration<DataVersion>
{
    /// <summary>Raw SQL uses these names (the bump at commit, the cheap read), so they are fixed here, lower-case on both providers.</summary>
    public const string Table = "data_version";

    public void Configure(EntityTypeBuilder<DataVersion> b)
    {
        b.ToTable(Table);
        b.Property(v => v.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(v => v.Version).HasColumnName("version");
        b.HasData(new DataVersion { Id = DataVersion.SingleId, Version = 0 });
    }
}
