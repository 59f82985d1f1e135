namespace Pipeline.Model;

/// <summary>A registry given as <c>host:port</c>, parsed once at the edge; everything that names an image starts here.</summary>
/// <param name="Value">The address as given, such as <c>localhost:5000</c>.</param>
/// <param name="Host">The host part.</param>
/// <param name="Port">The port (80 when absent, as plain HTTP implies).</param>
public sealed record RegistryAddress(string Value, string Host, int Port)
{
    /// <summary>The registry the pipeline pushes to unless configured otherwise: the embedded one.</summary>
    public const string Default = "localhost:5000";

    /// <summary>The port of the embedded registry that set-up starts.</summary>
    public const int EmbeddedPort = 5000;

    /// <summary>The registry's API root, <c>http://host:port/v2/</c>.</summary>
    public Uri ApiRoot => new($"http://{Value}/v2/");

    /// <summary>True for <c>localhost</c> and <c>127.0.0.1</c>.</summary>
    public bool IsLocal => Host is "localhost" or "127.0.0.1";

    /// <summary>True for the embedded registry's own address (<c>localhost:5000</c> or <c>127.0.0.1:5000</c>): the only one set-up may start.</summary>
    public bool IsEmbedded => IsLocal && Port == EmbeddedPort;

    /// <summary>Where a locally started registry listens: always the loopback address, never all interfaces.</summary>
    public string ListenAddress => $"127.0.0.1:{Port}";

    /// <summary>The repository <paramref name="name"/> in this registry.</summary>
    public ImageRepository Repository(string name) => new(this, name);

    /// <summary>Parses <c>host:port</c>; throws an <see cref="ArgumentException"/> naming the expected form.</summary>
    public static RegistryAddress Parse(string registry)
    {
        var value = registry?.Trim().TrimEnd('/') ?? "";
        if (value.Length == 0 || value.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate($"http://{value}/", UriKind.Absolute, out var uri) || uri.AbsolutePath != "/")
            throw new ArgumentException($"'{registry}' is not a registry address: give it as host:port, for example {Default}.", nameof(registry));
        return new(value, uri.Host, uri.Port);
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
