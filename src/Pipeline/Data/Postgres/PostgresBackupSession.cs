using System.Text;

namespace Pipeline.Data.Postgres;

/// <summary>
/// The <c>psql</c> session that pins a backup's snapshot: it opens a repeatable-read, read-only transaction, exports the
/// snapshot, reads the table facts in it, and stays open (its stdin held) until the dump that imports the snapshot has
/// ended. <c>psql</c> prints each result as it comes even while its input is open, so the snapshot id is known before
/// the dump starts and the facts are read while it runs. It runs inside the accessory, not over Npgsql, because the
/// accessory publishes no port: the Engine API's exec is the one way in that works for local and ssh:// engines alike.
/// </summary>
internal static class PostgresBackupSession
{
    const string FactsEnd = "-- end of table facts --";

    /// <summary>Opens the session, runs <paramref name="dump"/> with the snapshot id, and returns what the session read.</summary>
    public static async Task<PostgresBackupRead> RunAsync(PostgresShell accessory, Func<string, Task> dump, CancellationToken ct)
    {
        var opened = new TaskCompletionSource<string?[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var facts = new TaskCompletionSource<IReadOnlyList<PostgresTableFacts>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dumped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var session = accessory.TryRunAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"],
            async (stdin, token) =>
            {
                await using var sql = new StreamWriter(stdin, new UTF8Encoding(false), 1 << 12, leaveOpen: true);
                await sql.WriteLineAsync("\\set VERBOSITY terse");
                await sql.WriteLineAsync("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;");
                await sql.WriteLineAsync(PostgresTableFacts.Settings);
                await sql.WriteLineAsync("COPY (SELECT pg_export_snapshot(), current_database(), current_setting('server_version')) TO STDOUT;");
                await sql.WriteLineAsync($"COPY ({PostgresTableFacts.Query}) TO STDOUT;");
                await sql.WriteLineAsync($"\\echo '{FactsEnd}'");
                await sql.FlushAsync(token);
                await dumped.Task;
                await sql.WriteLineAsync("COMMIT;");
            },
            async (stdout, token) =>
            {
                using var reader = new StreamReader(stdout, Encoding.UTF8, leaveOpen: true);
                if (await reader.ReadLineAsync(token) is { } first)
                    opened.TrySetResult(CopyText.Fields(first));
                var lines = new List<string>();
                while (await reader.ReadLineAsync(token) is { } line)
                {
                    if (line == FactsEnd)
                    {
                        facts.TrySetResult(PostgresTableFacts.Parse(lines));
                        break;
                    }
                    lines.Add(line);
                }
                var ended = new DataException("the session ended before it printed it");
                opened.TrySetException(ended);
                facts.TrySetException(ended);
            }, ct);
        if (await Task.WhenAny(opened.Task, session) != opened.Task || opened.Task.Result is not [{ } snapshot, { } database, { } version])
        {
            dumped.TrySetResult();
            var (exitCode, errors) = await session;
            throw new DataException($"psql in {accessory.What} could not open the backup's snapshot (exit {exitCode}): {errors}. Check that the accessory runs and its database accepts connections.");
        }
        try
        {
            await dump(snapshot);
        }
        catch
        {
            dumped.TrySetResult();
            await session.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        dumped.TrySetResult();
        var (exit, failure) = await session;
        if (exit != 0 || !facts.Task.IsCompletedSuccessfully)
            throw new DataException($"Reading the table facts in {accessory.What} failed (psql exit {exit}): {failure}. The dump was not kept; fix the cause and back up again.");
        return new PostgresBackupRead(database, version, facts.Task.Result);
    }
}

/// <summary>What a backup's session read: the database, the server version and the table facts, all in the dump's snapshot.</summary>
internal sealed record PostgresBackupRead(string Database, string ServerVersion, IReadOnlyList<PostgresTableFacts> Tables);
