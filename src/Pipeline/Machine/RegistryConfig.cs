namespace Pipeline.Machine;

/// <summary>The configuration of the local registry (distribution 2.8): filesystem storage, deletes allowed, loopback only, no auth.</summary>
internal static class RegistryConfig
{
    /// <summary>The config file in the registry's data directory.</summary>
    public static string FileIn(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "config.yml");

    /// <summary>Where the registry keeps its blobs and manifests.</summary>
    public static string StorageIn(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "storage");

    /// <summary>The YAML for a registry that stores under <paramref name="dataDirectory"/> and listens on 127.0.0.1 only.</summary>
    public static string Render(string dataDirectory, RegistryAddress address) => $"""
        version: 0.1
        log:
          accesslog:
            disabled: true
          fields:
            service: registry
        storage:
          filesystem:
            rootdirectory: {Quote(StorageIn(dataDirectory))}
          cache:
            blobdescriptor: inmemory
          delete:
            enabled: true
        http:
          addr: {address.ListenAddress}
          headers:
            X-Content-Type-Options: [nosniff]

        """;

    private static string Quote(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
