using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabBot.Core.Data;

/// <summary>
/// SQLite set up for concurrent commands (issue 17, writes): write-ahead logging, so readers never block a writer's
/// commit nor a writer the readers. WAL is a property of the file; asking again on a WAL file changes nothing. (SQLite's
/// own <c>busy_timeout</c> was tried too and made writes slower: the bundled library's busy handler slept whole
/// seconds; commands take turns in <see cref="WriteGate"/> instead.)
/// <para>
/// <c>synchronous = NORMAL</c> (a property of the connection, so set on every open): under WAL a commit appends to the
/// log without waiting for the disk, and the log is flushed once per checkpoint instead of once per commit. Every
/// command holds the one write lock while it commits, so the flush SQLite's default (FULL) waits for on each commit was
/// paid by every command queued behind it. The trade-off, SQLite's own: a commit survives the process being killed
/// (the operating system has it), but a power cut or a kernel crash may lose the last commits made since the previous
/// checkpoint; the file is never corrupted, and what survives is always a state some commit left.
/// </para>
/// </summary>
public sealed class SqliteConcurrency : DbConnectionInterceptor
{
    public static readonly SqliteConcurrency Instance = new();

    private const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

    private SqliteConcurrency()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // SQLite's calls complete synchronously; an async path would only add a state machine.
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
