namespace App.Hosting;

/// <summary>What this process of the service does (<c>APP_ROLE</c>).</summary>
public enum AppRole
{
    /// <summary>HTTP API and the job workers in one process (the default; the only role on SQLite).</summary>
    All,

    /// <summary>HTTP API only: jobs are queued in Postgres for worker processes.</summary>
    Web,

    /// <summary>Job workers only, on Postgres, with no HTTP port.</summary>
    Worker,
}

/// <summary>Reads <see cref="AppRole"/>.</summary>
public static class AppRoles
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "APP_ROLE";

    /// <summary><see cref="AppRole.All"/> when blank; throws naming the choices when unknown.</summary>
    public static AppRole Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => AppRole.All,
        "web" => AppRole.Web,
        "worker" => AppRole.Worker,
        _ => throw new InvalidOperationException($"{Variable} must be all, web or worker, not '{text}'. Fix or unset it (default all)."),
    };

    /// <summary>The role of this process, from its environment.</summary>
    public static AppRole Current() => Parse(Environment.GetEnvironmentVariable(Variable));
}
