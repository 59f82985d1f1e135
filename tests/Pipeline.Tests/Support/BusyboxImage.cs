using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Images;

namespace Pipeline.Tests.Support;

/// <summary>
/// A tiny test image on a shared busybox base (built FROM scratch with the machine's static busybox, sub-second builds),
/// removed on dispose. Every fixture starts with its own unique LABEL, so no two fixtures share a layer and removing one
/// (with its parent layers) never disturbs another being built at the same time. The base <see cref="BaseTag"/> is kept
/// as a shared cache, like the <c>local/*</c> base images.
/// </summary>
public sealed class BusyboxImage : IAsyncDisposable
{
    BusyboxImage(DockerClient client, string tag, string context)
    {
        Client = client;
        Tag = tag;
        Context = context;
    }

    /// <summary>The shared busybox base every fixture is built on.</summary>
    public const string BaseTag = "pipeline-test/busybox:base";

    static readonly SemaphoreSlim BaseLock = new(1, 1);

    /// <summary>The engine client the image was built with.</summary>
    public DockerClient Client { get; }

    /// <summary>The image's unique tag, e.g. <c>pipeline-test/abc123:latest</c>.</summary>
    public string Tag { get; }

    /// <summary>The temporary build context folder.</summary>
    public string Context { get; }

    /// <summary>Builds an image whose Dockerfile is the busybox preamble followed by <paramref name="dockerfileBody"/>; extra files go into the context.</summary>
    public static async Task<BusyboxImage> BuildAsync(string dockerfileBody, IReadOnlyDictionary<string, string>? files = null, string? tag = null)
    {
        var client = await Engine.ConnectAsync(CancellationToken.None);
        await EnsureBaseAsync(client);
        var context = Directory.CreateTempSubdirectory("busybox-image-").FullName;
        foreach (var (name, content) in files ?? new Dictionary<string, string>())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(context, name))!);
            File.WriteAllText(Path.Combine(context, name), content);
        }
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {BaseTag}\nLABEL org.app-pipeline.test={Guid.NewGuid():N}\n{dockerfileBody}\n");
        tag ??= $"pipeline-test/{Guid.NewGuid():N}"[..26] + ":latest";
        var (logger, _) = InMemorySink.CreateLogger();
        try
        {
            await new ImageBuilder(client, logger).BuildAsync(new ImageBuildRequest(context, "Dockerfile", [tag]), CancellationToken.None);
        }
        catch
        {
            Directory.Delete(context, recursive: true);
            throw;
        }
        return new BusyboxImage(client, tag, context);
    }

    static async Task EnsureBaseAsync(DockerClient client)
    {
        await BaseLock.WaitAsync();
        try
        {
            if ((await client.Images.ListImagesAsync(new ImagesListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [BaseTag] = true } } })).Count > 0)
                return;
            var context = Directory.CreateTempSubdirectory("busybox-base-").FullName;
            try
            {
                File.Copy(File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox", Path.Combine(context, "busybox"));
                File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
                var (logger, _) = InMemorySink.CreateLogger();
                await new ImageBuilder(client, logger).BuildAsync(new ImageBuildRequest(context, "Dockerfile", [BaseTag]), CancellationToken.None);
            }
            finally
            {
                Directory.Delete(context, recursive: true);
            }
        }
        finally
        {
            BaseLock.Release();
        }
    }

    /// <summary>Removes the image (all its tags) and the context folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.Images.DeleteImageAsync(Tag, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerImageNotFoundException)
        {
        }
        Directory.Delete(Context, recursive: true);
        Client.Dispose();
    }
}
