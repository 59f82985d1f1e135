using System.Data.Common;

namespace App.Data;

/// <summary>
/// One process migrates at a time: on Postgres a session advisory lock (the web and worker processes of a release, and
/// the old and new release during a cutover, all start against one database); SQLite has one process by design.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key: any fixed number no other code of this database uses.</summary>
    const long Key = 0x4150505F4D494752; // "APP_MIGR"

    readonly DbConnection? _connection;

    MigrationLock(DbConnection? connection) => _connection = connection;

    /// <summary>Waits for the lock on <paramref name="connection"/> (nothing to wait for on SQLite).</summary>
    public static async Task<MigrationLock> TakeAsync(DatabaseKind kind, DbConnection connection, CancellationToken ct)
    {
        if (kind != DatabaseKind.Postgres)
            return new(null);
        await using var command = connection.Command("SELECT pg_advisory_lock(@key)", ("@key", Key));
        await command.ExecuteNonQueryAsync(ct);
        return new(connection);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
            return;
        try
        {
            await using var command = _connection.Command("SELECT pg_advisory_unlock(@key)", ("@key", Key));
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (DbException)
        {
            // A broken connection is closed, and closing a session releases its advisory locks.
        }
    }
}
