using System.Globalization;

namespace Pipeline.Proxy;

/// <summary>A port the proxy publishes, and the host address it is published on.</summary>
/// <param name="Address">The host address, such as 127.0.0.1.</param>
/// <param name="Port">The port.</param>
public sealed record ProxyBinding(string Address, int Port)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Address}:{Port}");
}
