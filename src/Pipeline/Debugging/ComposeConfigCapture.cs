using Pipeline.Environments;
using Pipeline.Model;
using Serilog;

namespace Pipeline.Debugging;

/// <summary>What Compose resolves for an environment's running release, redacted, for a snapshot.</summary>
internal static class ComposeConfigCapture
{
    /// <summary><c>compose/config.yaml</c>: what Compose resolves for the running release, redacted; Compose's output is never logged.</summary>
    public static async Task AddAsync(SnapshotWriter writer, ComposeEnvironment environment, ValueRedactor redactor, ILogger log, CancellationToken ct)
    {
        try
        {
            var config = await environment.ConfigAsync(await DeployedReleaseAsync(environment, ct), ct);
            await writer.AddTextAsync("compose/config.yaml", YamlRedaction.Redact(config, redactor), ct);
        }
        catch (EnvironmentException e)
        {
            await ErrorAsync(writer, e.Message, redactor, log, ct);
        }
    }

    static async Task ErrorAsync(SnapshotWriter writer, string message, ValueRedactor redactor, ILogger log, CancellationToken ct)
    {
        log.Warning("The resolved compose configuration could not be read: {Message}", redactor.Text(message));
        await writer.AddTextAsync("compose/config-error.txt", redactor.Text(message) + "\n", ct);
    }

    static async Task<Release> DeployedReleaseAsync(ComposeEnvironment environment, CancellationToken ct) =>
        await environment.RunningReleaseAsync(ct) ?? Release.Of("unknown", "unknown", Service.DefaultName, "unknown");
}
