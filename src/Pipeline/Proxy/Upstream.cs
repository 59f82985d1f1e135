using System.Net;

namespace Pipeline.Proxy;

/// <summary>A container the proxy sends a route's traffic to: its name, its address on the proxy's network, and its port there.</summary>
/// <param name="Container">The container's name (resolved through Docker's DNS when the proxy restarts).</param>
/// <param name="Address">The container's address on the proxy's network (used when the name does not resolve).</param>
/// <param name="Port">The port the container serves on (1-65535).</param>
public sealed record Upstream(string Container, IPAddress Address, int Port)
{
    /// <summary>The container name, checked.</summary>
    public string Container { get; } = string.IsNullOrWhiteSpace(Container) || Container.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        ? throw new ArgumentException($"'{Container}' is not a container name: use letters, digits, '-', '_' and '.'.", nameof(Container))
        : Container;

    /// <summary>The address, checked to be IPv4.</summary>
    public IPAddress Address { get; } = Address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? Address
        : throw new ArgumentException($"'{Address}' is not an IPv4 address on the proxy's network.", nameof(Address));

    /// <summary>The port, checked.</summary>
    public int Port { get; } = ProxyRoute.CheckPort(Port, nameof(Port));

    /// <inheritdoc />
    public override string ToString() => $"{Container} ({Address}:{Port})";
}
