using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Containers;
using Pipeline.Images;

namespace Pipeline.Tests.Support;

/// <summary>
/// A tiny test image built FROM scratch with the machine's static busybox (sub-second builds), removed on dispose.
/// The Dockerfile body is appended after <c>FROM scratch</c> + busybox install, so <c>/bin/sh</c>, <c>httpd</c>, <c>wget</c> exist.
/// </summary>
public sealed class BusyboxImage : IAsyncDisposable
{
    BusyboxImage(DockerClient client, string tag, string context)
    {
        Client = client;
        Tag = tag;
        Context = context;
    }

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
        var context = Directory.CreateTempSubdirectory("busybox-image-").FullName;
        var busybox = File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox";
        File.Copy(busybox, Path.Combine(context, "busybox"));
        foreach (var (name, content) in files ?? new Dictionary<string, string>())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(context, name))!);
            File.WriteAllText(Path.Combine(context, name), content);
        }
        File.WriteAllText(Path.Combine(context, "Dockerfile"),
            "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n" + dockerfileBody + "\n");
        tag ??= $"pipeline-test/{Guid.NewGuid():N}"[..26] + ":latest";
        var (logger, _) = InMemorySink.CreateLogger();
        await new ImageBuilder(client, logger).BuildAsync(new ImageBuildRequest(context, "Dockerfile", [tag]), CancellationToken.None);
        return new BusyboxImage(client, tag, context);
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
