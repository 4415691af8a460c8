using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CollabBot.Core.Data;

/// <summary>A lease on a named role (e.g. the Discord Gateway connection); <see cref="Lost"/> trips if the lease ends.</summary>
public interface ILease : IAsyncDisposable
{
    CancellationToken Lost { get; }
}

/// <summary>
/// Which instance does something only one may do. On PostgreSQL: a session-level advisory lock held on a
/// dedicated connection — when its holder dies, the connection drops, the lock frees and another instance
/// takes over. On SQLite there is one instance, which always holds it.
/// </summary>
public sealed class LeaderLock(string? provider, string? connectionString, TimeProvider clock)
{
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    private bool IsPostgres => DatabaseSetup.ParseProvider(provider) == DatabaseProvider.Postgres;

    /// <summary>Waits until this instance holds <paramref name="name"/>.</summary>
    public async Task<ILease> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsPostgres)
        {
            return new LocalLease();
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var lease = await TryPostgresAsync(name, cancellationToken);
                if (lease is not null)
                {
                    return lease;
                }
            }
            catch (NpgsqlException)
            {
                // The database is unreachable for now: try again like any other holder would.
            }

            await Task.Delay(RetryEvery, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Waits, in the database, until this instance holds <paramref name="name"/>, and fails rather than retries when
    /// the database cannot be reached: for a short step only one instance may take at a time, such as preparing
    /// the database at start-up.
    /// </summary>
    public async Task<ILease> WaitAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsPostgres)
        {
            return new LocalLease();
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", Key(name));
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresLease(connection, clock);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<ILease?> TryPostgresAsync(string name, CancellationToken cancellationToken)
    {
        // Keepalive lets the server notice a dead holder quickly; pooling off so the lock's session is ours alone.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", Key(name));
        if (await command.ExecuteScalarAsync(cancellationToken) is true)
        {
            return new PostgresLease(connection, clock);
        }

        await connection.DisposeAsync();
        return null;
    }

    private static long Key(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("collabbot:" + name)), 0);

    private sealed class LocalLease : ILease
    {
        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Holds the lock's connection and checks it every few seconds; a failed check means the lock may be gone.</summary>
    private sealed class PostgresLease : ILease
    {
        private readonly NpgsqlConnection connection;
        private readonly CancellationTokenSource lost = new();
        private readonly CancellationTokenSource stop = new();
        private readonly Task watching;

        public PostgresLease(NpgsqlConnection connection, TimeProvider clock)
        {
            this.connection = connection;
            watching = WatchAsync(clock);
        }

        public CancellationToken Lost => lost.Token;

        private async Task WatchAsync(TimeProvider clock)
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(RetryEvery, clock, stop.Token);
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteScalarAsync(stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
            {
                await lost.CancelAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await watching;
            await connection.DisposeAsync(); // closing the session releases the advisory lock
            lost.Dispose();
            stop.Dispose();
        }
    }
}
