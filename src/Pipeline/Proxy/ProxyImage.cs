using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Pipeline.Images;
using Serilog;

namespace Pipeline.Proxy;

/// <summary>
/// The proxy's image: HAProxy 2.6 from Debian bookworm on the local minbase, tagged <c>local/edge-proxy:2.6-&lt;recipe hash&gt;</c>,
/// so it is built once and again only when this recipe changes.
/// </summary>
public static class ProxyImage
{
    /// <summary>The HAProxy branch the recipe installs (Debian bookworm's).</summary>
    public const string HaproxyVersion = "2.6";

    /// <summary>The base image the proxy is built on.</summary>
    public const string BaseImage = "local/debian:bookworm-minbase";

    /// <summary>Where the configuration volume is mounted in the container.</summary>
    public const string ConfigDirectory = "/usr/local/etc/haproxy";

    /// <summary>The Dockerfile. <c>SIGUSR1</c> is HAProxy's soft stop: <c>docker stop</c> lets in-flight requests finish.</summary>
    public static readonly string Recipe = $"""
        FROM {BaseImage}
        RUN apt-get update \
         && apt-get install -y --no-install-recommends haproxy \
         && rm -rf /var/lib/apt/lists/* \
         && haproxy -v | grep -q 'version {HaproxyVersion}\.'
        STOPSIGNAL SIGUSR1
        ENTRYPOINT ["haproxy", "-W", "-db", "-f", "{ConfigDirectory}/haproxy.cfg"]

        """;

    /// <summary>The image tag for the current recipe.</summary>
    public static string Tag { get; } = $"local/edge-proxy:{HaproxyVersion}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Recipe)))[..12]}";

    static readonly SemaphoreSlim Building = new(1, 1);

    /// <summary>Builds <see cref="Tag"/> unless it is present; true when it was built.</summary>
    public static async Task<bool> EnsureAsync(DockerClient docker, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(docker);
        await Building.WaitAsync(ct);
        try
        {
            if (await ExistsAsync(docker, Tag, ct))
                return false;
            if (!await ExistsAsync(docker, BaseImage, ct))
                throw new ProxyException($"The edge proxy's image is built on {BaseImage}, which is not on this machine. Build it with '{Commands.BaseImages}' (as root, or '{Commands.Setup}'), then run the deploy again.");
            log.Information("Building the edge proxy image {Tag:l} (HAProxy {Version:l} from Debian)", Tag, HaproxyVersion);
            var context = Directory.CreateTempSubdirectory("edge-proxy-").FullName;
            try
            {
                await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), Recipe, ct);
                await new ImageBuilder(docker, log).BuildAsync(new ImageBuildRequest(context, "Dockerfile", [Tag]), ct);
            }
            catch (ImageBuildException e)
            {
                throw new ProxyException($"Building the edge proxy image {Tag} failed (it installs haproxy from the Debian archive the base image points at; check that the mirror is reachable): {e.Message}", e);
            }
            finally
            {
                Directory.Delete(context, recursive: true);
            }
            return true;
        }
        finally
        {
            Building.Release();
        }
    }

    static async Task<bool> ExistsAsync(DockerClient docker, string image, CancellationToken ct)
    {
        try
        {
            await docker.Images.InspectImageAsync(image, ct);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }
}
