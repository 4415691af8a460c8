using System.Text.Json;
using System.Text.Json.Serialization;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CollabBot.Core.Data;

/// <summary>The data API. One configuration class per entity; audit entries and versions are written in <see cref="SaveChangesAsync(CancellationToken)"/>.</summary>
public sealed class CollabBotDbContext(DbContextOptions<CollabBotDbContext> options, TimeProvider? clock = null) : DbContext(options)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public DbSet<WorkingGroup> Groups => Set<WorkingGroup>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Identity> Identities => Set<Identity>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ChannelLink> ChannelLinks => Set<ChannelLink>();
    public DbSet<JoinRequest> JoinRequests => Set<JoinRequest>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Contribution> Contributions => Set<Contribution>();
    public DbSet<LinkCode> LinkCodes => Set<LinkCode>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<InboundDelivery> InboundDeliveries => Set<InboundDelivery>();
    public DbSet<OutboundMessage> OutboundMessages => Set<OutboundMessage>();
    public DbSet<MeetingSeries> MeetingSeries => Set<MeetingSeries>();
    public DbSet<OccurrenceChange> OccurrenceChanges => Set<OccurrenceChange>();
    public DbSet<Talk> Talks => Set<Talk>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();
    public DbSet<DatasetTracking> DatasetTrackings => Set<DatasetTracking>();
    public DbSet<GitHubPollState> GitHubPollStates => Set<GitHubPollState>();
    public DbSet<Resource> Resources => Set<Resource>();
    public DbSet<ResourceGroup> ResourceGroups => Set<ResourceGroup>();
    public DbSet<ResourceStar> ResourceStars => Set<ResourceStar>();
    public DbSet<StartHereStep> StartHereSteps => Set<StartHereStep>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<ResourceLink> ResourceLinks => Set<ResourceLink>();

    /// <summary>Who the changes saved next are attributed to; set by the dispatcher, the seeder and the migrator.</summary>
    public AuditActor Actor { get; set; } = AuditActor.System;

    public DateTimeOffset Now => clock.GetUtcNow();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        // Only where SQLite's generator is in use: it then also creates the full-text index with the resources table.
        optionsBuilder.ReplaceService<IMigrationsSqlGenerator, SqliteMigrationsSqlGenerator, SqliteSearchMigrationsSqlGenerator>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CollabBotDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            ResourceSearchSchema.ConfigurePostgres(modelBuilder.Entity<Resource>());
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no native instant type and EF cannot order or compare DateTimeOffset text there;
            // store UTC ticks, which sort and compare correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BeforeSave()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries().Where(e => e is { State: EntityState.Modified, Entity: IVersioned }))
        {
            ((IVersioned)entry.Entity).Version++;
        }

        // Deliveries, the outbox, polling state and link checks are the machine's bookkeeping, not what users changed.
        var changed = ChangeTracker.Entries()
            .Where(e => e.Entity is not (AuditEntry or InboundDelivery or OutboundMessage or GitHubPollState or ResourceLink) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();

        var now = Now;
        foreach (var entry in changed)
        {
            var audit = new AuditEntry
            {
                At = now,
                Actor = Actor.Identity,
                Platform = Actor.Platform,
                Command = Actor.Command,
                Entity = entry.Metadata.ClrType.Name,
                EntityKey = "",
                Action = entry.State.ToString(),
                Changes = DescribeChanges(entry),
            };
            Audit.Add(audit);

            // Keys of added rows exist only after the insert; fill them in once the database has assigned them.
            pendingKeys.Add((audit, entry));
        }
    }

    private readonly List<(AuditEntry Audit, EntityEntry Entry)> pendingKeys = [];

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        var count = await base.SaveChangesAsync(cancellationToken);
        if (FillKeys())
        {
            count += await base.SaveChangesAsync(cancellationToken);
        }

        return count;
    }

    public override int SaveChanges()
    {
        var count = base.SaveChanges();
        if (FillKeys())
        {
            count += base.SaveChanges();
        }

        return count;
    }

    private bool FillKeys()
    {
        var any = false;
        foreach (var (audit, entry) in pendingKeys)
        {
            audit.EntityKey = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
            any = true;
        }

        pendingKeys.Clear();
        return any;
    }

    private static string DescribeChanges(EntityEntry entry)
    {
        var changes = new SortedDictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (property.Metadata.IsPrimaryKey() || property.Metadata.Name == nameof(IVersioned.Version))
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    if (property.CurrentValue is not null)
                    {
                        changes[property.Metadata.Name] = [null, property.CurrentValue];
                    }

                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue) && !SameList(property.OriginalValue, property.CurrentValue):
                    changes[property.Metadata.Name] = [property.OriginalValue, property.CurrentValue];
                    break;
                case EntityState.Deleted:
                    changes[property.Metadata.Name] = [property.OriginalValue, null];
                    break;
            }
        }

        return JsonSerializer.Serialize(changes, AuditJson);
    }

    /// <summary>Enums by name, as the tables store them: an audit must still read right if an enum is reordered.</summary>
    private static readonly JsonSerializerOptions AuditJson = new() { Converters = { new JsonStringEnumConverter() } };

    private static bool SameList(object? a, object? b) =>
        a is IEnumerable<string> x && b is IEnumerable<string> y && x.SequenceEqual(y);
}

/// <summary>Who a change is attributed to in the audit.</summary>
public sealed record AuditActor(string Identity, string Platform, string? Command = null)
{
    public static AuditActor System { get; } = new("system", "system");
}
