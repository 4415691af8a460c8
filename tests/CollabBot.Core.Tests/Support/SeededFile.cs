using Microsoft.Data.Sqlite;

namespace CollabBot.Core.Tests.Support;

/// <summary>
/// The seeded demo community in a SQLite file of its own, for tests where commands must race on their own
/// connections (the in-memory harness shares one connection, so its commands cannot block each other). Deleted on dispose.
/// </summary>
public sealed class SeededFile : IAsyncDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"collabbot-{Guid.NewGuid():N}.db");

    private SeededFile()
    {
    }

    /// <summary>A connection per command, no pooling: each command really opens its own.</summary>
    public string ConnectionString => $"Data Source={path};Pooling=False";

    public static async Task<SeededFile> CreateAsync()
    {
        var file = new SeededFile();
        await using var connection = new SqliteConnection(file.ConnectionString);
        await connection.OpenAsync();
        await CoreHarness.CopySeededDatabaseAsync(connection);
        return file;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
