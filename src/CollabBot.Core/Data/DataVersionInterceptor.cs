using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabBot.Core.Data;

/// <summary>
/// Adds one to the data version inside the transaction that changed something, as its last statement before the commit,
/// so the new version and the change become visible together, to every instance at once. "Changed something" is what
/// <see cref="CollabBotDbContext.SaveChangesAsync(bool, CancellationToken)"/> saved (it opens a transaction when the
/// caller has none, so a lone save is covered too) or what a raw-SQL writer declared with
/// <see cref="CollabBotDbContext.MarkDataChanged"/>. Taking the row's lock only at commit keeps it held for a moment,
/// and always last, so transactions that lock other rows first cannot deadlock on it.
/// </summary>
public sealed class DataVersionInterceptor : DbTransactionInterceptor
{
    public static DataVersionInterceptor Instance { get; } = new();

    internal const string BumpSql = $"UPDATE {DataVersionConfiguration.Table} SET version = version + 1 WHERE id = 1";

    private DataVersionInterceptor()
    {
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (eventData.Context is CollabBotDbContext { VersionOwed: true })
        {
            using var command = Bump(transaction);
            command.ExecuteNonQuery();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CollabBotDbContext { VersionOwed: true })
        {
            await using var command = Bump(transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Settle(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Settle(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Settle(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Settle(eventData);
        return Task.CompletedTask;
    }

    private static DbCommand Bump(DbTransaction transaction)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = BumpSql;
        return command;
    }

    /// <summary>Committed (bumped with it) or rolled back (nothing changed): either way the next transaction starts owing nothing.</summary>
    private static void Settle(TransactionEndEventData eventData)
    {
        if (eventData.Context is CollabBotDbContext db)
        {
            db.VersionOwed = false;
        }
    }
}
