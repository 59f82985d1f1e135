using Docker.DotNet.Models;
using Docker.DotNet;

namespace Pipeline.Images.Validation;

/// <summary>The throw-away container a validation runs: labelled, no mounts, port published on 127.0.0.1 only.</summary>
internal static class ValidationContainer
{
    public const string Label = "org.app-pipeline.validation";

    public static async Task<string> CreateAsync(DockerClient client, string image, string name, ValidationOptions options, CancellationToken ct)
    {
        var port = $"{options.ContainerPort}/tcp";
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Env = [.. options.Environment.Select(e => $"{e.Key}={e.Value}")],
            Labels = new Dictionary<string, string> { [Label] = "true" },
            ExposedPorts = new Dictionary<string, EmptyStruct> { [port] = default },
            HostConfig = new HostConfig
            {
                PortBindings = new Dictionary<string, IList<PortBinding>> { [port] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "" }] },
                Binds = [],
                Mounts = [],
                VolumesFrom = [],
            },
        }, ct);
        return created.ID;
    }

    public static async Task<string?> StartAsync(DockerClient client, string id, CancellationToken ct)
    {
        try
        {
            await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct);
            return null;
        }
        catch (DockerApiException e)
        {
            return e.ResponseBody is { Length: > 0 } body ? body.Trim() : e.Message;
        }
    }

    public static int? HostPort(ContainerInspectResponse container, int containerPort) =>
        container.NetworkSettings?.Ports?.TryGetValue($"{containerPort}/tcp", out var bindings) == true
        && bindings?.FirstOrDefault(b => b.HostIP == "127.0.0.1") is { HostPort: { Length: > 0 } port }
            ? int.Parse(port)
            : null;
}
