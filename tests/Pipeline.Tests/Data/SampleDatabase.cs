using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Pipeline.Tests.Data;

/// <summary>A user row; canaries are unique values that must never reach staging.</summary>
public sealed record SampleUser(string Name, string Email, string Phone)
{
    public static SampleUser Canary()
    {
        var id = Guid.NewGuid().ToString("N");
        return new($"Quillon Canarysson{id[..6]}", $"canary-{id}@corp.example", $"+44 20 {Random.Shared.Next(1000, 9999)} {Random.Shared.Next(100000, 999999)}");
    }
}

/// <summary>SQLite files with the sample app's schema (src/App/Data/Migrations.cs), made and read on the host.</summary>
public static class SampleDatabase
{
    public const string Schema = """
        CREATE TABLE schema_version(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
        CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT, email TEXT, phone TEXT, created_at TEXT);
        CREATE TABLE jobs(
            id INTEGER PRIMARY KEY, type TEXT NOT NULL, payload TEXT, status TEXT NOT NULL, result TEXT, error TEXT,
            created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT, duration_ms REAL);
        CREATE INDEX ix_jobs_status ON jobs(status, id);
        INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00Z'), (2, '2026-01-01T00:00:00Z');
        """;

    public static string Create(string folder, IEnumerable<SampleUser> users, string file = "app.db", string extraSql = "")
    {
        var path = Path.Combine(folder, file);
        Execute(path, Schema + extraSql);
        foreach (var user in users)
        {
            Execute(path, "INSERT INTO users(name, email, phone, created_at) VALUES ($name, $email, $phone, '2026-02-03T04:05:06Z')",
                ("$name", user.Name), ("$email", user.Email), ("$phone", user.Phone));
            Execute(path, "INSERT INTO jobs(type, payload, status, result, created_at) VALUES ('hash', $payload, 'done', $result, '2026-02-03T04:05:06Z')",
                ("$payload", $"welcome mail for {user.Name} <{user.Email}>"), ("$result", $"sent to {user.Phone}"));
        }
        return path;
    }

    public static void Execute(string path, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    public static List<object?[]> Rows(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        return rows;
    }

    public static long Count(string path, string table) => (long)Rows(path, $"SELECT COUNT(*) FROM {table}")[0][0]!;

    /// <summary>A sha256 over every row of users and jobs, in id order.</summary>
    public static string Checksum(string path) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
        Rows(path, "SELECT * FROM users ORDER BY id").Concat(Rows(path, "SELECT * FROM jobs ORDER BY id")).Select(r => string.Join('|', r))))));

    /// <summary>Whether the raw bytes of the file contain the text (UTF-8).</summary>
    public static bool Contains(string path, string text) =>
        File.ReadAllBytes(path).AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>
    /// Copies the file and its hot journal as a crash in the middle of a write would leave them: a transaction that
    /// spilled changed pages (created_at = 'half-written') into the file is open while both are copied, then rolled back.
    /// </summary>
    public static (byte[] Database, byte[] Journal) TornCopy(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size = 1; BEGIN; UPDATE users SET created_at = 'half-written' || hex(randomblob(300)); UPDATE jobs SET created_at = 'half-written';";
        command.ExecuteNonQuery();
        var copy = (File.ReadAllBytes(path), File.ReadAllBytes(path + "-journal"));
        command.CommandText = "ROLLBACK";
        command.ExecuteNonQuery();
        return copy;
    }

    static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
