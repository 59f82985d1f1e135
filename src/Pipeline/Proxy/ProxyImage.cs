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
    public static string Tag => Image.Tag;

    static readonly RecipeImage Image = new("local/edge-proxy", HaproxyVersion, "the edge proxy image", BaseImage, Recipe);

    /// <summary>Builds <see cref="Tag"/> unless it is present; true when it was built.</summary>
    public static async Task<bool> EnsureAsync(DockerClient docker, ILogger log, CancellationToken ct)
    {
        try
        {
            return await Image.EnsureAsync(docker, log, ct);
        }
        catch (ImageBuildException e)
        {
            throw new ProxyException(e.Message);
        }
    }
}
