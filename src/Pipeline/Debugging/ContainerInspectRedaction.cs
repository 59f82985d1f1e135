using System.Text.Json;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;

namespace Pipeline.Debugging;

/// <summary>A container's inspect document with its environment redacted, and the names of the variables that were masked.</summary>
/// <param name="Json">The redacted inspect document, indented.</param>
/// <param name="Health">The redacted <c>State.Health</c> (status, failing streak, the last probes), or an object saying there is none.</param>
/// <param name="RedactedVariables">Names of the environment variables whose values were masked.</param>
public sealed record ContainerInspectRedaction(string Json, string Health, IReadOnlyList<string> RedactedVariables)
{
    /// <summary>Redacts <paramref name="inspect"/>: secret-named variables first (so their values are learned), then every other string.</summary>
    public static ContainerInspectRedaction From(ContainerInspectResponse inspect, ValueRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(inspect);
        ArgumentNullException.ThrowIfNull(redactor);
        var env = inspect.Config?.Env ?? [];
        var masked = env.Select(e => e.Split('=', 2)).Where(p => p.Length == 2 && p[1].Length > 0 && redactor.IsSecretName(p[0])).Select(p => p[0]).ToList();
        var redactedEnv = env.Select(redactor.Entry).ToList();
        masked.AddRange(env.Zip(redactedEnv).Where(p => p.First != p.Second && !masked.Contains(p.First.Split('=')[0])).Select(p => p.First.Split('=')[0]));
        var node = JsonSerializer.SerializeToNode(inspect, JsonRedaction.Options)!;
        if (node["Config"]?["Env"] is not null)
            node["Config"]!["Env"] = new JsonArray([.. redactedEnv.Select(e => (JsonNode?)JsonValue.Create(e))]);
        JsonRedaction.Redact(node, redactor);
        var health = node["State"]?[nameof(global::Docker.DotNet.Models.State.Health)]?.DeepClone() ?? new JsonObject { ["Status"] = "none", ["Note"] = "the image has no HEALTHCHECK" };
        return new(node.ToJsonString(JsonRedaction.Options), health.ToJsonString(JsonRedaction.Options), masked);
    }
}
