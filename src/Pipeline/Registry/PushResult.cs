namespace Pipeline.Registry;

/// <summary>What a push did: where the image went, its manifest digest, and how many layers were uploaded.</summary>
/// <param name="Repository">The full repository name, <c>registry/repository</c>.</param>
/// <param name="Digest">The manifest digest, <c>sha256:...</c>, as the registry reports it.</param>
/// <param name="Tags">The tags pushed.</param>
/// <param name="LayersPushed">Layers uploaded by this push.</param>
/// <param name="LayersAlreadyPresent">Layers the registry already had ("Layer already exists" or mounted from another repository).</param>
public sealed record PushResult(string Repository, string Digest, IReadOnlyList<string> Tags, int LayersPushed, int LayersAlreadyPresent)
{
    /// <summary>The reference to deploy: <c>registry/repository@sha256:...</c>.</summary>
    public string Reference => $"{Repository}@{Digest}";
}
