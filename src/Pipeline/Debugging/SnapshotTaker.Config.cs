using Pipeline.Environments;
using Pipeline.Machine;

namespace Pipeline.Debugging;

public sealed partial class SnapshotTaker
{
    /// <summary><c>compose/config.yaml</c>: what Compose resolves for the running release, redacted; Compose's output is never logged.</summary>
    async Task AddConfigAsync(SnapshotWriter writer, ComposeEnvironment environment, ValueRedactor redactor, CancellationToken ct)
    {
        try
        {
            var release = await DeployedReleaseAsync(environment, ct);
            var compose = await ComposeTool.DetectAsync(ct) ?? throw new EnvironmentException("no Compose tool found (docker compose or docker-compose): run ./build.sh Setup");
            var config = await new ComposeCommand(environment.Settings, compose, Serilog.Core.Logger.None).RunAsync(release, ["config"], ct);
            if (config.Succeeded)
                await writer.AddTextAsync("compose/config.yaml", YamlRedaction.Redact(config.StandardOutput, redactor), ct);
            else
                await ConfigErrorAsync(writer, ComposeCommand.Said(config), redactor, ct);
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

    static async Task<DeployedRelease> DeployedReleaseAsync(ComposeEnvironment environment, CancellationToken ct)
    {
        var running = (await environment.StatusAsync(ct)).Containers.FirstOrDefault(c => c.IsRunning);
        return new(running?.Version ?? "unknown", running?.Revision ?? "unknown", await environment.CurrentImageAsync(ct) ?? running?.Image ?? "unknown");
    }
}
