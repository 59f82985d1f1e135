namespace Pipeline.Machine;

/// <summary>A registry given as <c>host:port</c>, and what follows from it.</summary>
internal sealed record RegistryAddress(string Value, string Host, int Port)
{
    /// <summary>The registry's API root, <c>http://host:port/v2/</c>.</summary>
    public Uri ApiRoot => new($"http://{Value}/v2/");

    /// <summary>True for <c>localhost</c> and <c>127.0.0.1</c>: the only registries set-up may start.</summary>
    public bool IsLocal => Host is "localhost" or "127.0.0.1";

    /// <summary>Where a locally started registry listens: always the loopback address, never all interfaces.</summary>
    public string ListenAddress => $"127.0.0.1:{Port}";

    /// <summary>Parses <c>host:port</c> (port 80 when absent, as plain HTTP implies).</summary>
    public static RegistryAddress Parse(string registry)
    {
        var value = registry?.Trim().TrimEnd('/') ?? "";
        if (value.Length == 0 || value.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate($"http://{value}/", UriKind.Absolute, out var uri) || uri.AbsolutePath != "/")
            throw new ArgumentException($"'{registry}' is not a registry address: give it as host:port, for example {MachineOptions.DefaultRegistry}.", nameof(registry));
        return new(value, uri.Host, uri.Port);
    }
}
