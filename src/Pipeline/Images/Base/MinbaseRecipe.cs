using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Tools;
using Serilog;

namespace Pipeline.Images.Base;

/// <summary>
/// <c>local/debian:&lt;suite&gt;-minbase</c>: <c>debootstrap --variant=minbase</c> from the Debian archive, stripped for runtime use,
/// imported through the Engine API. The rootfs tarball stays in the cache, so re-importing it does not re-debootstrap.
/// </summary>
internal sealed class MinbaseRecipe(BaseImageOptions options) : BaseRecipe(null)
{
    const string Include = "ca-certificates";

    public override string Tag => $"local/debian:{options.Suite}-minbase";

    public override string Description => $"Debian {options.Suite} minbase from {options.DebianMirror}";

    /// <summary>The cached rootfs tarball for the current recipe.</summary>
    public string Tarball => Path.Combine(options.CacheDirectory, $"debian-{options.Suite}-minbase-{Hash[..12]}.tar");

    static readonly string[] Settings = ["ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "CMD [\"bash\"]"];

    IReadOnlyList<string> Changes => [.. Settings, $"LABEL {Label}={Hash}"];

    protected override string Inputs() =>
        $"{options.Suite}\n{options.DebianMirror}\n--variant=minbase --include={Include}\n{MinbaseStrip.Script}\n{string.Join('\n', Settings)}";

    public override async Task BuildAsync(DockerClient client, ILogger log, CancellationToken cancellationToken)
    {
        if (File.Exists(Tarball))
            log.Information("Reusing the rootfs tarball {Tarball:l} (no debootstrap needed)", Tarball);
        else
            await DebootstrapAsync(log, cancellationToken);
        var clock = Stopwatch.StartNew();
        await using var tar = File.OpenRead(Tarball);
        var progress = new EngineProgress(log);
        var (repository, tag) = (Tag[..Tag.IndexOf(':')], Tag[(Tag.IndexOf(':') + 1)..]);
        var parameters = new ImagesCreateParameters { FromSrc = "-", Repo = repository, Tag = tag, Changes = [.. Changes], Message = $"debootstrap --variant=minbase {options.Suite}, stripped by app-pipeline" };
        await client.Images.CreateImageAsync(parameters, tar, null, progress, cancellationToken);
        progress.ThrowIfFailed($"Importing {Tarball} as {Tag}");
        log.Information("Imported {Tag:l} from {Tarball:l} in {Seconds:0.0} s", Tag, Tarball, clock.Elapsed.TotalSeconds);
    }

    async Task DebootstrapAsync(ILogger log, CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
            throw new ImageBuildException($"Building {Tag} runs debootstrap, which needs root. Run '{Commands.BaseImages}' once as root (or in CI), or load a base image yourself.");
        var debootstrap = Executable.Find("debootstrap")
            ?? throw new ImageBuildException($"Building {Tag} needs debootstrap: install it with 'apt-get install debootstrap' (or run '{Commands.Setup}' as root).");
        Directory.CreateDirectory(options.CacheDirectory);
        var rootfs = Path.Combine(options.CacheDirectory, "work", $"rootfs-{options.Suite}-{Hash[..12]}");
        var clock = Stopwatch.StartNew();
        try
        {
            await RootfsDirectory.RemoveAsync(rootfs, cancellationToken);
            log.Information("debootstrap started: {Suite:l} minbase from {Mirror:l} into {Rootfs:l} (about a minute)", options.Suite, options.DebianMirror, rootfs);
            await new ExternalTool(debootstrap).WithLog(log).RunCheckedAsync(["--variant=minbase", $"--include={Include}", options.Suite, rootfs, options.DebianMirror], cancellationToken);
            await new ExternalTool("/bin/sh").WithLog(log).RunCheckedAsync(["-c", MinbaseStrip.Script, "strip", rootfs], cancellationToken);
            var partial = Tarball + ".partial";
            await new ExternalTool("tar").RunCheckedAsync(["--numeric-owner", "-C", rootfs, "-cf", partial, "."], cancellationToken);
            File.Move(partial, Tarball, overwrite: true);
            foreach (var old in Directory.GetFiles(options.CacheDirectory, $"debian-{options.Suite}-minbase-*.tar*").Where(f => f != Tarball))
                File.Delete(old);
            log.Information("debootstrap done: {Tarball:l} ({Megabytes:0.0} MB) in {Seconds:0.0} s", Tarball, new FileInfo(Tarball).Length / 1e6, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            await RootfsDirectory.RemoveAsync(rootfs, CancellationToken.None);
        }
    }
}
