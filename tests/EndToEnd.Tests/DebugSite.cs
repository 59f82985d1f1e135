using System.Formats.Tar;
using System.IO.Compression;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;

namespace EndToEnd.Tests;

/// <summary>
/// One isolated site for the debugging tests: a unique prefix, free ports, a private folder (secrets file) holding the runs'
/// root (see <see cref="SiteRoot"/>: snapshots, logs, locks and work files stay there), and clean-up of everything a run can
/// leave: staging's Compose project, the local replay, the folder.
/// </summary>
public sealed class DebugSite : IAsyncDisposable
{
    DebugSite()
    {
    }

    /// <summary>A new site with its root cloned.</summary>
    public static async Task<DebugSite> CreateAsync()
    {
        var site = new DebugSite();
        await SiteRoot.CreateAsync(site.Root);
        return site;
    }

    public string Prefix { get; } = "dbg" + Guid.NewGuid().ToString("N")[..6];
    readonly int[] ports = Ports.Free(3);
    public int StagingPort => ports[0];
    public int LocalPort => ports[1];
    public string Folder { get; } = Directory.CreateTempSubdirectory("e2e-debug-").FullName;
    public string Root => Path.Combine(Folder, "root");
    public string SnapshotFolder => Path.Combine(Root, "snapshots");
    public string StagingProject => $"{Prefix}-staging";
    public string LocalContainer => $"{Prefix}-debug-local";
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The arguments every run of this site passes.</summary>
    public string[] SiteArguments =>
        ["--root", Root, "--environment-prefix", Prefix, "--staging-port", StagingPort.ToString(), "--debug-local-port", LocalPort.ToString(), .. SiteEngine.ProxyArguments(Prefix, ports[2])];

    /// <summary>Every entry of a tar.gz, decompressed.</summary>
    public static async Task<IReadOnlyDictionary<string, byte[]>> EntriesAsync(string archive)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: true) is { } entry)
        {
            using var content = new MemoryStream();
            if (entry.DataStream is { } data)
                await data.CopyToAsync(content);
            entries[entry.Name] = content.ToArray();
        }
        return entries;
    }

    /// <summary>Containers and volumes named after the local replay.</summary>
    public async Task<(int Containers, int Volumes)> LocalReplayLeftAsync()
    {
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        var containers = await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [LocalContainer] = true } } });
        var volumes = (await engine.Volumes.ListAsync(CancellationToken.None)).Volumes?.Count(v => v.Name.StartsWith(LocalContainer, StringComparison.Ordinal)) ?? 0;
        return (containers.Count, volumes);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await SiteEngine.RemoveAsync(Prefix);
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        await Remover.ContainerAsync(engine, LocalContainer, removeVolumes: false, CancellationToken.None);
        await Remover.VolumeAsync(engine, $"{LocalContainer}_data", CancellationToken.None);
        Directory.Delete(Folder, recursive: true);
    }
}
