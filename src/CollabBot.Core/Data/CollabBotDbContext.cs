using System.Text.Json;
using System.Text.Json.Serialization;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CollabBot.Core.Data;

/// <summary>The data API. One configuration class per entity; audit entries and versions are written in <see cref="SaveChangesAsync(bool, CancellationToken)"/>.</summary>
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
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
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
    public DbSet<Challenge> Challenges => Set<Challenge>();
    public DbSet<ChallengeTruth> ChallengeTruths => Set<ChallengeTruth>();
    public DbSet<ChallengeTeam> ChallengeTeams => Set<ChallengeTeam>();
    public DbSet<ChallengeTeamMember> ChallengeTeamMembers => Set<ChallengeTeamMember>();
    public DbSet<ChallengeBaseline> ChallengeBaselines => Set<ChallengeBaseline>();
    public DbSet<ChallengeSubmission> ChallengeSubmissions => Set<ChallengeSubmission>();
    public DbSet<ChallengeSubmissionFile> ChallengeSubmissionFiles => Set<ChallengeSubmissionFile>();
    public DbSet<TopicIdea> TopicIdeas => Set<TopicIdea>();
    public DbSet<TopicVote> TopicVotes => Set<TopicVote>();
    public DbSet<Rsvp> Rsvps => Set<Rsvp>();
    public DbSet<MeetingMinutes> MeetingMinutes => Set<MeetingMinutes>();
    public DbSet<MeetingDuty> MeetingDuties => Set<MeetingDuty>();
    public DbSet<DutyVolunteer> DutyVolunteers => Set<DutyVolunteer>();
    public DbSet<DutyTurn> DutyTurns => Set<DutyTurn>();
    public DbSet<DutySwap> DutySwaps => Set<DutySwap>();
    public DbSet<DigestSchedule> DigestSchedules => Set<DigestSchedule>();
    public DbSet<CalendarToken> CalendarTokens => Set<CalendarToken>();
    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    /// <summary>Who the changes saved next are attributed to; set by the dispatcher, the seeder and the migrator.</summary>
    public AuditActor Actor { get; set; } = AuditActor.System;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The open transaction changed data: <see cref="DataVersionInterceptor"/> bumps the data version when it commits.</summary>
    internal bool VersionOwed { get; set; }

    /// <summary>
    /// For a writer that changes rows with raw SQL (EF's SaveChanges declares its own changes): call it inside the
    /// transaction that writes, so its commit bumps the data version and no cached reply outlives the change.
    /// </summary>
    public void MarkDataChanged()
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Raw-SQL writes must run in a transaction, so the data version is bumped in the same commit.");
        }

        VersionOwed = true;
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        // Only where SQLite's generator is in use: it then also creates the full-text index with the resources table.
        optionsBuilder.ReplaceService<IMigrationsSqlGenerator, SqliteMigrationsSqlGenerator, SqliteSearchMigrationsSqlGenerator>();
        optionsBuilder.AddInterceptors(DataVersionInterceptor.Instance);
    }

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
        var pending = BeforeSave(acceptAllChangesOnSuccess);
        if (!ChangeTracker.HasChanges())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        var shown = ChangesWhatRepliesShow();
        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var count = base.SaveChanges(acceptAllChangesOnSuccess);
        if (pending.Count > 0)
        {
            Audit.AddRange(pending.Select(p => p.ToAuditEntry()));
            base.SaveChanges(acceptAllChangesOnSuccess);
        }

        VersionOwed |= shown;
        transaction?.Commit();
        return count;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = BeforeSave(acceptAllChangesOnSuccess);
        if (!ChangeTracker.HasChanges())
        {
            // A read's save (the dispatcher saves after every command): nothing to write, no version to bump.
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The audit rows are written with the changes they describe, in the same transaction: a caller's own
        // transaction, or one opened here. Its commit bumps the data version (DataVersionInterceptor) unless only
        // outbox rows changed (ChangesWhatRepliesShow).
        var shown = ChangesWhatRepliesShow();
        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        using var savepoints = transaction is null ? null : new WithoutSavepoints(Database);
        int count;
        if (pending.Count > 0 && pending.All(p => p.KnownBeforeSave))
        {
            // Every audited row already has its real key and values (a membership reopened or ended, a leave): one
            // save writes the changes and their audit rows, instead of a second pass through EF for the audit alone.
            var audit = pending.Select(p => p.ToAuditEntry()).ToList();
            Audit.AddRange(audit);
            try
            {
                count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) - audit.Count;
            }
            catch
            {
                // As when the changes fail before their audit is added: a caller that saves again does not save these twice.
                foreach (var entry in audit)
                {
                    Entry(entry).State = EntityState.Detached;
                }

                throw;
            }
        }
        else
        {
            // An added row's key (or a key pointing at one) is the database's to assign: audited after the save.
            count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (pending.Count > 0)
            {
                Audit.AddRange(pending.Select(p => p.ToAuditEntry()));
                await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
        }

        VersionOwed |= shown;
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return count;
    }

    /// <summary>
    /// EF wraps a save inside an open transaction in a savepoint (two more statements) so the transaction stays usable
    /// if the save fails. A transaction opened for the save alone is rolled back whole when it fails: no savepoint needed.
    /// </summary>
    private sealed class WithoutSavepoints : IDisposable
    {
        private readonly Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database;
        private readonly bool enabled;

        public WithoutSavepoints(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database)
        {
            this.database = database;
            enabled = database.AutoSavepointsEnabled;
            database.AutoSavepointsEnabled = false;
        }

        public void Dispose() => database.AutoSavepointsEnabled = enabled;
    }

    /// <summary>
    /// Whether the pending changes touch anything a reply may show. Outbox rows alone (queueing a post, marking it sent)
    /// are delivery bookkeeping no reply shows, so they do not bump the data version: a minute's burst of reminders then
    /// does not queue every instance's transactions on the one version row.
    /// </summary>
    private bool ChangesWhatRepliesShow() =>
        ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not OutboundMessage);

    /// <summary>Bumps versions and notes, before the save, what each changed entity was and becomes.</summary>
    private List<PendingAudit> BeforeSave(bool acceptAllChangesOnSuccess)
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries().Where(e => e is { State: EntityState.Modified, Entity: IVersioned }))
        {
            ((IVersioned)entry.Entity).Version++;
        }

        // Deliveries, the outbox, polling state and link checks are the machine's bookkeeping, not what users changed;
        // calendar tokens are secrets (stored hashed) that the audit has no need to copy.
        var pending = ChangeTracker.Entries()
            .Where(e => e.Entity is not (AuditEntry or InboundDelivery or OutboundMessage or GitHubPollState or ResourceLink or CalendarToken) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => PendingAudit.Capture(e, Actor, Now))
            .ToList();
        if (pending.Count > 0 && !acceptAllChangesOnSuccess)
        {
            // Without accepting the first save, the second (the audit rows) would insert the same rows again.
            throw new NotSupportedException("CollabBotDbContext audits every save and needs acceptAllChangesOnSuccess: true.");
        }

        return pending;
    }

    /// <summary>
    /// One audit row in the making. What a row was (a modified row's old values, a deleted row's) is read before the
    /// save; what it becomes is read after it, when the database has assigned every key: before, an added row's id and
    /// any foreign key pointing at an added row hold EF's temporary (negative) values, which name no row.
    /// </summary>
    private sealed class PendingAudit
    {
        private readonly List<(string Property, object? Old, object? New)> changes = [];
        private readonly List<string> secrets = [];
        private EntityEntry entry = null!;
        private AuditEntry audit = null!;
        private string? deletedKey;

        /// <summary>
        /// Whether the row's audit can be written before the save: its key and every value it records are already the
        /// database's (no temporary key of an added row, here or in a key pointing at one).
        /// </summary>
        public bool KnownBeforeSave => entry.State is EntityState.Modified or EntityState.Deleted && !entry.Properties.Any(p => p.IsTemporary);

        public static PendingAudit Capture(EntityEntry entry, AuditActor actor, DateTimeOffset now)
        {
            var pending = new PendingAudit
            {
                entry = entry,
                audit = new AuditEntry
                {
                    At = now,
                    Actor = actor.Identity,
                    Platform = actor.Platform,
                    Command = actor.Command,
                    Entity = entry.Metadata.ClrType.Name,
                    EntityKey = "",
                    Action = entry.State.ToString(),
                },
                deletedKey = entry.State == EntityState.Deleted ? KeyOf(entry) : null,
            };
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.IsPrimaryKey() || property.Metadata.Name == nameof(IVersioned.Version))
                {
                    continue;
                }

                if (property.Metadata.FindAnnotation(AuditSecret.Annotation) is not null)
                {
                    // A truth's bytes, a challenge's seed: the audit says it changed, never what it is.
                    if (entry.State != EntityState.Modified || property.IsModified)
                    {
                        pending.secrets.Add(property.Metadata.Name);
                    }

                    continue;
                }

                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is not null:
                        pending.changes.Add((property.Metadata.Name, null, property.CurrentValue));
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue) && !SameList(property.OriginalValue, property.CurrentValue):
                        pending.changes.Add((property.Metadata.Name, property.OriginalValue, property.CurrentValue));
                        break;
                    case EntityState.Deleted:
                        pending.changes.Add((property.Metadata.Name, property.OriginalValue, null));
                        break;
                }
            }

            return pending;
        }

        /// <summary>After the save: the row with its real key, and the new values as the database holds them.</summary>
        public AuditEntry ToAuditEntry()
        {
            var deleted = deletedKey is not null;
            audit.EntityKey = deletedKey ?? KeyOf(entry);
            var described = new SortedDictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var (property, old, @new) in changes)
            {
                described[property] = [old, deleted ? @new : entry.Property(property).CurrentValue];
            }

            foreach (var property in secrets)
            {
                described[property] = ["(hidden)", "(hidden)"];
            }

            audit.Changes = JsonSerializer.Serialize(described, AuditJson);
            return audit;
        }

        private static string KeyOf(EntityEntry entry) =>
            string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
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
