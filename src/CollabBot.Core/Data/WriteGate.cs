using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Data;

/// <summary>
/// On SQLite, one writer at a time holds the file's write lock, and a command that finds it taken is retried by
/// Microsoft.Data.Sqlite after sleeping a thread for 150 ms. Commands of this process therefore take turns here first,
/// queued without sleeping and without a thread, so the lock is almost always free when a command asks for it.
/// PostgreSQL locks rows, not the database: there every command goes straight on.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>The caller's turn to open a write transaction (dispose it after the commit), or null where none is needed.</summary>
    public async Task<IDisposable?> EnterAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        await turn.WaitAsync(cancellationToken);
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
