using System.Text.RegularExpressions;
using Pipeline.Model;

namespace Pipeline.Machine;

/// <summary>The configuration of the local registry (distribution 2.8): filesystem storage, deletes allowed, loopback only, no auth.</summary>
internal static partial class RegistryConfig
{
    /// <summary>
    /// Why set-up must not start a registry for <see cref="MachineOptions.Registry"/>, or null when it may. It starts one only at its
    /// own configured address: never a remote one; in the embedded registry's (shared) data directory only on
    /// <see cref="RegistryAddress.EmbeddedPort"/>; and never over a data directory whose configuration names another address.
    /// </summary>
    public static string? WhyNotStart(MachineOptions options)
    {
        var registry = options.Registry;
        if (!registry.IsLocal)
            return $"Setup only starts a local registry: start that one, check the network path to it, or use {MachineOptions.DefaultRegistry}.";
        if (ConfiguredAddress(options.RegistryDataDirectory) is { } configured && configured != registry.ListenAddress)
            return $"The local registry configured in {Path.GetFullPath(options.RegistryDataDirectory)} listens on {configured}, not {registry.ListenAddress}: " +
                $"use {Commands.Flags.Registry} {configured}, or give this registry its own {Commands.Flags.RegistryData} folder.";
        if (Path.GetFullPath(options.RegistryDataDirectory) == Path.GetFullPath(MachineOptions.DefaultRegistryDataDirectory) && registry.Port != RegistryAddress.EmbeddedPort)
            return $"Setup starts the embedded registry only on its own address, {RegistryAddress.Default}: use {Commands.Flags.Registry} {RegistryAddress.Default}, " +
                $"start the registry at {registry.Value} yourself, or give it its own {Commands.Flags.RegistryData} folder.";
        return null;
    }

    /// <summary>The <c>http.addr</c> of the config in <paramref name="dataDirectory"/>, or null when there is none.</summary>
    public static string? ConfiguredAddress(string dataDirectory) =>
        File.Exists(FileIn(dataDirectory)) && Address().Match(File.ReadAllText(FileIn(dataDirectory))) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"^\s*addr:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Address();

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
