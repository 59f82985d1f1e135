namespace Pipeline.Model;

/// <summary>An image repository in a registry: <c>registry/name</c>, such as <c>localhost:5000/app</c>.</summary>
/// <param name="Registry">The registry.</param>
/// <param name="Name">The repository name inside it, such as <c>app</c> or <c>team/app</c>.</param>
public sealed record ImageRepository(RegistryAddress Registry, string Name)
{
    /// <summary>The full name, <c>registry/name</c>.</summary>
    public string FullName => $"{Registry.Value}/{Name}";

    /// <summary>The reference <c>registry/name:tag</c>.</summary>
    public string Tagged(string tag) => $"{FullName}:{tag}";

    /// <summary>The reference <c>registry/name@sha256:...</c>, what deployments use.</summary>
    public string ByDigest(string digest) => $"{FullName}@{digest}";

    /// <inheritdoc />
    public override string ToString() => FullName;
}
