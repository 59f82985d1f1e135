namespace App.Hosting;

/// <summary>Log messages of the start-up path.</summary>
internal static partial class AppLog
{
    [LoggerMessage(LogLevel.Information, "App {Version} ({Commit}) as {Role} in {Mode} mode, code {CodeSource}, debugging enabled: {DebuggingEnabled}; data in {Database}")]
    public static partial void Starting(ILogger log, string version, string commit, string role, string mode, string codeSource, bool debuggingEnabled, string database);

    [LoggerMessage(LogLevel.Warning, "Database schema version {Found} is newer than this build's {Latest} (a rollback?); running on it unchanged")]
    public static partial void SchemaNewer(ILogger log, int found, int latest);

    [LoggerMessage(LogLevel.Information, "Applied database migration {Version} ({Name})")]
    public static partial void Migrated(ILogger log, int version, string name);
}
