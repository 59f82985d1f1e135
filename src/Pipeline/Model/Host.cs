namespace Pipeline.Model;

/// <summary>Where an environment's containers run: an engine endpoint.</summary>
/// <param name="Name">A short name, such as <c>local</c>.</param>
/// <param name="Endpoint">The engine endpoint; null for the pipeline's own engine (<c>DOCKER_HOST</c> or the local socket).</param>
public sealed record Host(string Name, Uri? Endpoint)
{
    /// <summary>The pipeline's own engine.</summary>
    public static Host Local { get; } = new("local", null);

    /// <inheritdoc />
    public override string ToString() => Name;
}
