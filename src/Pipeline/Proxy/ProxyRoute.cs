using System.Text.RegularExpressions;

namespace Pipeline.Proxy;

/// <summary>
/// Where the edge proxy takes requests for one backend: a port published on an address of the host (127.0.0.1 unless set), and optionally a host name, so several
/// routes can share a port. <paramref name="Name"/> is the backend's name (for example <c>production-app</c>).
/// </summary>
/// <param name="Name">The backend name: lower-case letters, digits, <c>-</c> and <c>_</c>.</param>
/// <param name="Port">The port published on 127.0.0.1 for this route (1-65535).</param>
/// <param name="HostName">When given, only requests whose <c>Host</c> header names it take this route.</param>
public sealed partial record ProxyRoute(string Name, int Port, string? HostName = null)
{
    /// <summary>The backend name, checked.</summary>
    public string Name { get; } = CheckName(Name);

    /// <summary>The published port, checked.</summary>
    public int Port { get; } = CheckPort(Port, nameof(Port));

    /// <summary>The host name, lower-cased and checked; null when the route takes every host on its port.</summary>
    public string? HostName { get; } = CheckHost(HostName);

    /// <summary>The host address the port is published on: 127.0.0.1 (this host only) unless set, such as 0.0.0.0 to serve every interface.</summary>
    public string Address
    {
        get;
        init => field = System.Net.IPAddress.TryParse(value, out var ip) ? ip.ToString()
            : throw new ArgumentException($"'{value}' is not an IP address to publish on: write one like 127.0.0.1, 0.0.0.0 or the server's address.", nameof(Address));
    } = "127.0.0.1";

    /// <summary>Where the route listens: address and port.</summary>
    public ProxyBinding Binding => new(Address, Port);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="port"/> is 1-65535.</summary>
    public static int CheckPort(int port, string what) =>
        port is >= 1 and <= 65535 ? port : throw new ArgumentOutOfRangeException(what, port, $"Port {port} is out of range: use 1-65535.");

    static string CheckName(string name) =>
        name is not null && NamePattern().IsMatch(name) ? name
        : throw new ArgumentException($"'{name}' is not a valid route name: use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit (e.g. production-app).", nameof(name));

    static string? CheckHost(string? host) =>
        host is null ? null
        : HostPattern().IsMatch(host) ? host.ToLowerInvariant()
        : throw new ArgumentException($"'{host}' is not a valid host name: use letters, digits, '-' and '.' (e.g. app.example.com), without a port.", nameof(host));

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$")]
    private static partial Regex HostPattern();
}
