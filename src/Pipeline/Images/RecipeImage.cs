using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Serilog;

namespace Pipeline.Images;

/// <summary>
/// An image the pipeline builds itself from a recipe (a Dockerfile and the files it copies) on one of the local base images, tagged
/// <c>&lt;repository&gt;:&lt;version&gt;-&lt;hash of the recipe&gt;</c>: built once, and again only when the recipe changes. The edge proxy's
/// and the Postgres accessory's images are such images, with packages from the Debian archive.
/// </summary>
/// <param name="Repository">The tag's repository, such as <c>local/edge-proxy</c>.</param>
/// <param name="Version">The version the recipe installs, first in the tag.</param>
/// <param name="What">What it is, for messages: <c>the edge proxy image</c>.</param>
/// <param name="BaseImage">The local base image the recipe starts from.</param>
/// <param name="Dockerfile">The Dockerfile.</param>
public sealed record RecipeImage(string Repository, string Version, string What, string BaseImage, string Dockerfile)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Building = new(StringComparer.Ordinal);

    /// <summary>Executable files the Dockerfile copies, by name.</summary>
    public IReadOnlyDictionary<string, string> Scripts { get; init; } = new Dictionary<string, string>();

    /// <summary>The image tag for the current recipe.</summary>
    public string Tag => $"{Repository}:{Version}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Dockerfile + string.Concat(Scripts.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value)))))[..12]}";

    /// <summary>
    /// Builds <see cref="Tag"/> on <paramref name="docker"/> unless it is there; true when it was built. A missing base image or a failed build
    /// throws <see cref="ImageBuildException"/> saying what to do.
    /// </summary>
    public async Task<bool> EnsureAsync(DockerClient docker, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(log);
        var gate = Building.GetOrAdd(Tag, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (await ExistsAsync(docker, Tag, ct))
                return false;
            if (!await ExistsAsync(docker, BaseImage, ct))
                throw new ImageBuildException($"{What} is built on {BaseImage}, which is not on this machine. Build it with '{Commands.BaseImages}' (as root, or '{Commands.Setup}'), then run this again.");
            log.Information("Building {What:l} {Tag:l}", What, Tag);
            var context = Directory.CreateTempSubdirectory("recipe-image-").FullName;
            try
            {
                await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), Dockerfile, ct);
                foreach (var (name, text) in Scripts)
                {
                    var path = Path.Combine(context, name);
                    await File.WriteAllTextAsync(path, text, ct);
                    if (!OperatingSystem.IsWindows())
                        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
                }
                await new ImageBuilder(docker, log).BuildAsync(new ImageBuildRequest(context, "Dockerfile", [Tag]), ct);
            }
            catch (ImageBuildException e)
            {
                throw new ImageBuildException($"Building {What} {Tag} failed (it installs packages from the Debian archive {BaseImage} points at; check that the mirror is reachable): {e.Message}");
            }
            finally
            {
                Directory.Delete(context, recursive: true);
            }
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>True when <paramref name="image"/> is on <paramref name="docker"/>'s engine (false too for a name the engine cannot parse).</summary>
    public static async Task<bool> ExistsAsync(DockerClient docker, string image, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(docker);
        try
        {
            await docker.Images.InspectImageAsync(image, ct);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadRequest)
        {
            return false;
        }
    }
}
