using System.Collections.Concurrent;
using System.Data.Common;
using CollabBot.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.Core.ReadModel;

/// <summary>
/// Reads the data version (<see cref="Domain.DataVersion"/>) as cheaply as the database allows: one prepared
/// single-row SELECT on a connection kept open for the purpose (a few of them, taken and put back, so concurrent
/// requests do not queue on one), no DI scope, no DbContext. Where the service was given an open connection rather
/// than a connection string (tests on an in-memory SQLite database) the read goes through a DbContext instead: a
/// second connection would open a different, empty database. Null when the version cannot be read (no such row, the
/// database unreachable): the caller then simply does not use cached replies.
/// </summary>
public sealed partial class DataVersions(IServiceScopeFactory scopes, ILogger<DataVersions> logger) : IAsyncDisposable
{
    private const string ReadSql = $"SELECT version FROM {DataVersionConfiguration.Table} WHERE id = 1";
    private const int MaxIdle = 8;

    private readonly ConcurrentQueue<DbCommand> idle = new();
    private int idleCount;
    private readonly SemaphoreSlim describing = new(1, 1);
    private Source? source;

    /// <summary>How to reach the database: a provider factory and connection string, or none (use a DbContext).</summary>
    private sealed record Source(DbProviderFactory? Factory, string? ConnectionString);

    public async ValueTask<long?> ReadAsync(CancellationToken cancellationToken)
    {
        var where = source ?? await DescribeAsync(cancellationToken);
        if (where.Factory is null)
        {
            return await ReadInScopeAsync(cancellationToken);
        }

        DbCommand? command = null;
        try
        {
            if (idle.TryDequeue(out command))
            {
                Interlocked.Decrement(ref idleCount);
            }
            else
            {
                command = await OpenAsync(where, cancellationToken);
            }

            var value = await command.ExecuteScalarAsync(cancellationToken);
            Return(command);
            return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException ex)
        {
            LogUnreadable(logger, ex.Message);
            await DisposeAsync(command);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryDequeue(out var command))
        {
            await DisposeAsync(command);
        }

        describing.Dispose();
    }

    private void Return(DbCommand command)
    {
        // A counter, not idle.Count: counting a concurrent collection is far dearer than the read itself.
        if (Interlocked.Increment(ref idleCount) <= MaxIdle)
        {
            idle.Enqueue(command);
        }
        else
        {
            Interlocked.Decrement(ref idleCount);
            command.Connection?.Dispose();
            command.Dispose();
        }
    }

    private static async Task<DbCommand> OpenAsync(Source where, CancellationToken cancellationToken)
    {
        var connection = where.Factory!.CreateConnection()!;
        connection.ConnectionString = where.ConnectionString;
        try
        {
            await connection.OpenAsync(cancellationToken);
            var command = connection.CreateCommand();
            command.CommandText = ReadSql;
            await command.PrepareAsync(cancellationToken);
            return command;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async ValueTask DisposeAsync(DbCommand? command)
    {
        if (command is null)
        {
            return;
        }

        if (command.Connection is { } connection)
        {
            await connection.DisposeAsync();
        }

        await command.DisposeAsync();
    }

    private async Task<Source> DescribeAsync(CancellationToken cancellationToken)
    {
        await describing.WaitAsync(cancellationToken);
        try
        {
            if (source is not null)
            {
                return source;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
            var relational = RelationalOptionsExtension.Extract(db.GetService<IDbContextOptions>());
            source = relational.Connection is null && !string.IsNullOrEmpty(relational.ConnectionString) && !IsPrivateMemory(relational.ConnectionString)
                ? new Source(DbProviderFactories.GetFactory(db.Database.GetDbConnection()), relational.ConnectionString)
                : new Source(null, null);
            return source;
        }
        finally
        {
            describing.Release();
        }
    }

    /// <summary>A plain <c>:memory:</c> SQLite database is private to its connection: another connection would not see it.</summary>
    private static bool IsPrivateMemory(string connectionString) =>
        connectionString.Contains(":memory:", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("cache=shared", StringComparison.OrdinalIgnoreCase);

    private async Task<long?> ReadInScopeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        try
        {
            return await db.DataVersions.AsNoTracking()
                .Where(v => v.Id == Domain.DataVersion.SingleId)
                .Select(v => (long?)v.Version)
                .FirstOrDefaultAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            LogUnreadable(logger, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data version could not be read ({Reason}); answering from the database, not from cached replies")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
