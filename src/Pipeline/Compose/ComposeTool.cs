using Pipeline.Tools;

namespace Pipeline.Compose;

/// <summary>The Compose command line this machine has: <c>docker compose</c> (the v2 plugin) preferred, <c>docker-compose</c> (v1, what Debian ships) as fallback.</summary>
/// <param name="FileName">The program to run: <c>docker</c> or <c>docker-compose</c>.</param>
/// <param name="Prefix">Arguments that come before the Compose arguments: <c>compose</c> for the plugin, none for v1.</param>
/// <param name="Version">The Compose version, such as <c>2.29.1</c> or <c>1.29.2</c>.</param>
/// <param name="IsPlugin">True for the v2 plugin.</param>
public sealed record ComposeTool(string FileName, IReadOnlyList<string> Prefix, string Version, bool IsPlugin)
{
    /// <summary>How a user types it: <c>docker compose</c> or <c>docker-compose</c>.</summary>
    public string CommandLine => IsPlugin ? "docker compose" : "docker-compose";

    /// <summary>The engine it talks to (<c>DOCKER_HOST</c>): null for the pipeline's own; a host's endpoint to work on a server.</summary>
    public Uri? DockerHost { get; init; }

    /// <summary>The full argument list for a Compose command: <see cref="Prefix"/> then <paramref name="arguments"/>.</summary>
    public IReadOnlyList<string> Arguments(params IEnumerable<string> arguments) => [.. Prefix, .. arguments];

    /// <summary>Finds the Compose tool; null when neither the plugin nor <c>docker-compose</c> works.</summary>
    public static async Task<ComposeTool?> DetectAsync(CancellationToken cancellationToken = default) =>
        await ToolProbe.FirstLineAsync("docker", ["compose", "version", "--short"], cancellationToken) is { Length: > 0 } plugin
            ? new("docker", ["compose"], plugin.TrimStart('v'), true)
            : await ToolProbe.FirstLineAsync("docker-compose", ["version", "--short"], cancellationToken) is { Length: > 0 } v1
                ? new("docker-compose", [], v1.TrimStart('v'), false)
                : null;
}
