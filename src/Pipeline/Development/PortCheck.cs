using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Development;

/// <summary>Whether a port on 127.0.0.1 is free, and if not, which container publishes it.</summary>
internal static class PortCheck
{
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Fails with what to do when <paramref name="port"/> is taken by anything but <paramref name="project"/>'s own containers.</summary>
    public static async Task RequireFreeAsync(DockerClient client, int port, string project, string parameter, CancellationToken ct)
    {
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters(), ct);
        var holder = containers.FirstOrDefault(c => c.Ports?.Any(p => p.PublicPort == port) == true);
        if (holder?.Labels?.TryGetValue("com.docker.compose.project", out var owner) == true && owner == project)
            return;
        if (holder is null && IsFree(port))
            return;
        var who = holder is null ? "another program" : $"the container {holder.Names.FirstOrDefault()?.TrimStart('/') ?? holder.ID[..12]}";
        throw new DevException($"Port {port} on 127.0.0.1 is in use by {who}, so the development environment cannot publish on it. Stop that, or pick a free port: {parameter} <port>.");
    }
}
