using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using NpgsqlTypes;

namespace CollabBot.Core.Data;

/// <summary>
/// The full-text index over resources' title, description, authors and topics, one per database with the same
/// behaviour (English stemming, prefixes): on PostgreSQL a stored generated <c>tsvector</c> column with a GIN index,
/// part of the EF model; on SQLite an FTS5 table over the <c>resources</c> rows, kept in step by triggers, which EF
/// cannot model and <see cref="SqliteSearchMigrationsSqlGenerator"/> therefore creates with the table.
/// </summary>
public static class ResourceSearchSchema
{
    public const string Table = "resources";
    public const string SqliteIndex = "resource_search";
    public const string PostgresColumn = "SearchVector";
    public const string PostgresTitleColumn = "TitleVector";
    public const string PostgresTitleExpression = "to_tsvector('english', coalesce(\"Title\", ''))";

    /// <summary>Column order of the FTS5 table; bm25 weights follow it.</summary>
    private const string Columns = "\"Title\", \"Description\", \"Authors\", \"Topics\"";
    private const string New = "new.\"Id\", new.\"Title\", new.\"Description\", new.\"Authors\", new.\"Topics\"";
    private const string Old = "old.\"Id\", old.\"Title\", old.\"Description\", old.\"Authors\", old.\"Topics\"";

    /// <summary>
    /// An external-content FTS5 table: the text stays in <c>resources</c>; the Porter stemmer over unicode61
    /// (accents folded) gives "taggers" → "tagger", "networks" → "network".
    /// </summary>
    public static string SqliteCreateIndex { get; } =
        $"CREATE VIRTUAL TABLE IF NOT EXISTS \"{SqliteIndex}\" USING fts5({Columns}, content='{Table}', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2');";

    /// <summary>Triggers as the FTS5 documentation gives them for external content; an update of other columns (retiring) leaves the index alone.</summary>
    public static IReadOnlyList<string> SqliteTriggers { get; } =
    [
        $"CREATE TRIGGER IF NOT EXISTS \"{Table}_search_insert\" AFTER INSERT ON \"{Table}\" BEGIN INSERT INTO \"{SqliteIndex}\"(rowid, {Columns}) VALUES ({New}); END;",
        $"CREATE TRIGGER IF NOT EXISTS \"{Table}_search_delete\" AFTER DELETE ON \"{Table}\" BEGIN INSERT INTO \"{SqliteIndex}\"(\"{SqliteIndex}\", rowid, {Columns}) VALUES ('delete', {Old}); END;",
        $"CREATE TRIGGER IF NOT EXISTS \"{Table}_search_update\" AFTER UPDATE OF {Columns} ON \"{Table}\" BEGIN INSERT INTO \"{SqliteIndex}\"(\"{SqliteIndex}\", rowid, {Columns}) VALUES ('delete', {Old}); INSERT INTO \"{SqliteIndex}\"(rowid, {Columns}) VALUES ({New}); END;",
    ];

    public static string SqliteDropIndex { get; } = $"DROP TABLE IF EXISTS \"{SqliteIndex}\";";

    /// <summary>Reads every row of <c>resources</c> into the index again (FTS5's 'rebuild' command for external content).</summary>
    public static string SqliteRebuild { get; } = $"INSERT INTO \"{SqliteIndex}\"(\"{SqliteIndex}\") VALUES ('rebuild');";

    /// <summary>Title weighs most (A), then topics and authors (B), then the description (C); <c>ts_rank</c> uses these weights.</summary>
    public const string PostgresExpression =
        "setweight(to_tsvector('english', coalesce(\"Title\", '')), 'A') || " +
        "setweight(to_tsvector('english', coalesce(\"Topics\", '')), 'B') || " +
        "setweight(to_tsvector('english', coalesce(\"Authors\", '')), 'B') || " +
        "setweight(to_tsvector('english', coalesce(\"Description\", '')), 'C')";

    /// <summary>The PostgreSQL part of the model; called for that provider only, since SQLite has no tsvector.</summary>
    internal static void ConfigurePostgres(EntityTypeBuilder<Resource> b)
    {
        b.Property<NpgsqlTsVector>(PostgresColumn).HasComputedColumnSql(PostgresExpression, stored: true);
        b.HasIndex(PostgresColumn).HasMethod("GIN");

        // The title alone, so a search can take title matches first through an index whose selectivity the planner
        // knows; a weight-A query on the whole vector looks as common to it as the whole match, and a rare title
        // match of common words then becomes a scan of every row.
        b.Property<NpgsqlTsVector>(PostgresTitleColumn).HasComputedColumnSql(PostgresTitleExpression, stored: true);
        b.HasIndex(PostgresTitleColumn).HasMethod("GIN");
    }
}

/// <summary>
/// SQLite's migrations SQL generator, plus the FTS5 index and its triggers whenever the <c>resources</c> table is
/// created — by a migration or by <c>EnsureCreated</c> alike — and its triggers again when SQLite rebuilds the table
/// (a rebuild drops the old table, and its triggers with it, then renames the new one into place).
/// </summary>
public sealed class SqliteSearchMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider migrationsAnnotations)
    : SqliteMigrationsSqlGenerator(dependencies, migrationsAnnotations)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (operation.Name == ResourceSearchSchema.Table && terminate)
        {
            Emit(builder, [ResourceSearchSchema.SqliteCreateIndex, .. ResourceSearchSchema.SqliteTriggers]);
        }
    }

    /// <summary>The index goes with the table: dropped by a migration's Down, and by a rebuild until the rename below.</summary>
    protected override void Generate(DropTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        if (operation.Name == ResourceSearchSchema.Table && terminate)
        {
            Emit(builder, [ResourceSearchSchema.SqliteDropIndex]);
        }

        base.Generate(operation, model, builder, terminate);
    }

    protected override void Generate(RenameTableOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        base.Generate(operation, model, builder);
        if (operation.NewName == ResourceSearchSchema.Table)
        {
            Emit(builder, [ResourceSearchSchema.SqliteCreateIndex, .. ResourceSearchSchema.SqliteTriggers, ResourceSearchSchema.SqliteRebuild]);
        }
    }

    private static void Emit(MigrationCommandListBuilder builder, IEnumerable<string> statements)
    {
        foreach (var statement in statements)
        {
            builder.AppendLine(statement);
            builder.EndCommand();
        }
    }
}
