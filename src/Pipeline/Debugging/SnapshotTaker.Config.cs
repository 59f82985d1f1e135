using Pipeline.Environments;
using Pipeline.Model;

namespace Pipeline.Debugging;

public sealed partial class SnapshotTaker
{
    /// <summary><c>compose/config.yaml</c>: what Compose resolves for the running release, redacted; Compose's output is never logged.</summary>
    async Task AddConfigAsync(SnapshotWriter writer, ComposeEnvironment environment, ValueRedactor redactor, CancellationToken ct)
    {
        try
        {
            var config = await environment.ConfigAsync(await DeployedReleaseAsync(environment, ct), ct);
            await writer.AddTextAsync("compose/config.yaml", YamlRedaction.Redact(config, redactor), ct);
        }
        catch (EnvironmentException e)
        {
            await ConfigErrorAsync(writer, e.Message, redactor, ct);
        }
    }

    async Task ConfigErrorAsync(SnapshotWriter writer, string message, ValueRedactor redactor, CancellationToken ct)
    {
        log.Warning("The resolved compose configuration could not be read: {Message}", redactor.Text(message));
        await writer.AddTextAsync("compose/config-error.txt", redactor.Text(message) + "\n", ct);
    }

    static async Task<Release> DeployedReleaseAsync(ComposeEnvironment environment, CancellationToken ct) =>
        await environment.RunningReleaseAsync(ct) ?? Release.Of("unknown", "unknown", Service.DefaultName, "unknown");
}
