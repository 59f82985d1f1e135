using App.Data.Postgres;

namespace App.Hosting;

/// <summary>The service's settings, from environment variables (or any other configuration source).</summary>
/// <param name="DataDirectory">Folder of <c>app.db</c> (<c>DATA_DIR</c>, see <see cref="Hosting.DataDirectory"/>).</param>
/// <param name="WorkerThreads">Background workers (<c>WORKER_THREADS</c>, default 4; 0 queues jobs without running them).</param>
/// <param name="Port">Port to listen on when no URL is configured, and that <c>--healthcheck</c> probes (<c>PORT</c>, default 8080).</param>
/// <param name="ShutdownGrace">How long running jobs may finish on shutdown before they are re-queued (<c>JOB_SHUTDOWN_GRACE_SECONDS</c>, default 5).</param>
/// <param name="JsonLogs">Compact JSON log lines (<c>LOG_FORMAT=json</c>).</param>
/// <param name="Role">What this process does (<c>APP_ROLE</c>: all, web or worker).</param>
/// <param name="Postgres">The Postgres database (<c>ConnectionStrings__Postgres</c>); null runs on SQLite in <paramref name="DataDirectory"/>.</param>
public sealed record AppSettings(
    string DataDirectory, int WorkerThreads, int Port, TimeSpan ShutdownGrace, bool JsonLogs, AppRole Role = AppRole.All, PostgresConnection? Postgres = null)
{
    /// <summary>The port when <c>PORT</c> is not set.</summary>
    public const int DefaultPort = 8080;

    /// <summary>The whole shutdown must end within this, well inside Docker's 10 s stop timeout.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(8);

    /// <summary>The database file (SQLite).</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "app.db");

    /// <summary>Workers in this process: none in the web role, whose jobs the worker processes run.</summary>
    public int LocalWorkers => Role == AppRole.Web ? 0 : WorkerThreads;

    /// <summary>Reads and checks the settings; a bad value stops the start with a message naming the variable.</summary>
    public static AppSettings From(Func<string, string?> read, string contentRoot)
    {
        var role = AppRoles.Parse(read(AppRoles.Variable));
        var postgres = PostgresConnection.Parse(read(PostgresConnection.Key));
        if (role != AppRole.All && postgres is null)
            throw new InvalidOperationException(
                $"{AppRoles.Variable}={role.ToString().ToLowerInvariant()} needs Postgres: set {PostgresConnection.Variable} " +
                $"(on SQLite one process holds the data, so leave {AppRoles.Variable} unset).");
        return new(
            Hosting.DataDirectory.Resolve(read("DATA_DIR"), contentRoot),
            ReadInt(read, "WORKER_THREADS", 4, role == AppRole.Worker ? 1 : 0, 64),
            ReadInt(read, "PORT", DefaultPort, 1, 65535),
            TimeSpan.FromSeconds(ReadInt(read, "JOB_SHUTDOWN_GRACE_SECONDS", 5, 0, 6)),
            string.Equals(read("LOG_FORMAT")?.Trim(), "json", StringComparison.OrdinalIgnoreCase),
            role,
            postgres);
    }

    static int ReadInt(Func<string, string?> read, string name, int fallback, int min, int max)
    {
        var text = read(name);
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        return int.TryParse(text.Trim(), out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{name} must be a whole number from {min} to {max}, not '{text}'. Fix or unset it (default {fallback}).");
    }
}
