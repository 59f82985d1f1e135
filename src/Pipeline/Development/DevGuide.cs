using Pipeline.Environments;

namespace Pipeline.Development;

/// <summary>What DevStart prints once the environment is healthy: where the app answers, what is mounted, how to see logs and attach a debugger.</summary>
public static class DevGuide
{
    /// <summary>Writes the guide for the running <paramref name="status"/>.</summary>
    public static void Write(TextWriter writer, DevSettings settings, EnvironmentStatus status)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(status);
        var container = (status.Containers.Count > 0 ? status.Containers[0].Name : null) ?? $"{settings.ProjectName}_app_1";
        writer.WriteLine($"""
            App:       {settings.Url}  ({settings.Url}/health, /ready, /version)
            Source:    {Path.GetFullPath(settings.SourceDirectory)} is mounted at /src: a saved change is live in about a second (hot reload; a restart on rude edits)
            Logs:      {Commands.DevLogs.With(Commands.Flags.Follow)}      Status: {Commands.DevStatus}      Stop: {Commands.DevStop}
            Debugger:  VS Code > Run and Debug > "Attach to the dev container (vsdbg)" (.vscode/launch.json): runs vsdbg in {container} through docker exec, no port needed.
                       vsdbg must be in the container at /vsdbg; installing it downloads it (needs internet, see .vscode/tasks.json "Install vsdbg in the dev container").
                       A debugger server you start in the container on port {DevSettings.ContainerDebuggerPort} is reachable on 127.0.0.1:{settings.DebuggerPort}.
            """);
    }
}
