using System.Reflection;

namespace App.Hosting;

/// <summary>What <c>/version</c> answers: which build runs, and how.</summary>
public sealed record VersionInfo(string Version, string Commit, string Mode, string CodeSource, bool DebuggingEnabled)
{
    /// <summary>
    /// Version and commit from <c>APP_VERSION</c>/<c>APP_COMMIT</c> (the image sets them), else from the assembly's
    /// informational version (<c>1.2.3+sha</c>), else <c>unknown</c>.
    /// </summary>
    public static VersionInfo From(IReadOnlyDictionary<string, string?> environment, RuntimeMode mode, string? informationalVersion)
    {
        var parts = (informationalVersion ?? "").Split('+', 2, StringSplitOptions.TrimEntries);
        var version = environment.Value("APP_VERSION") ?? NullIfEmpty(parts[0]) ?? "unknown";
        var commit = environment.Value("APP_COMMIT") ?? (parts.Length > 1 ? NullIfEmpty(parts[1]) : null) ?? "unknown";
        return new(version, commit, mode.Mode, mode.CodeSource, mode.DebuggingEnabled);
    }

    /// <summary>The informational version of the running app.</summary>
    public static string? AssemblyVersion =>
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
