using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Registry;

namespace EndToEnd.Tests;

/// <summary>Removes what a test pushed and tagged under its own image name: every manifest of that registry repository and every local tag.</summary>
public static class TestImages
{
    /// <summary>The registry the tests push to.</summary>
    public const string Registry = "localhost:5000";

    /// <summary>
    /// Deletes every manifest of <paramref name="name"/> in the registry (the distribution API cannot remove the repository's
    /// name; its blobs go with the registry's garbage collection) and removes <c>name:*</c>, <c>localhost:5000/name:*</c> and <c>localhost:5000/name@*</c> locally.
    /// </summary>
    public static async Task RemoveAsync(string name)
    {
        using (var registry = new RegistryClient(Registry, RegistryCredentials.None))
        {
            foreach (var tag in await registry.ListTagsAsync(name, CancellationToken.None))
            {
                if (await registry.GetManifestDigestAsync(name, tag, CancellationToken.None) is { } digest)
                    await registry.DeleteManifestAsync(name, digest, CancellationToken.None);
            }
        }
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        foreach (var image in await engine.Images.ListImagesAsync(new ImagesListParameters()))
        {
            foreach (var reference in (image.RepoTags ?? []).Concat(image.RepoDigests ?? []))
            {
                if (reference.StartsWith(name + ":", StringComparison.Ordinal) || reference.StartsWith($"{Registry}/{name}:", StringComparison.Ordinal)
                    || reference.StartsWith($"{Registry}/{name}@", StringComparison.Ordinal))
                {
                    try
                    {
                        await engine.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = true });
                    }
                    catch (DockerImageNotFoundException)
                    {
                    }
                }
            }
        }
    }

    /// <summary>Runs the docker CLI; throws with its output when it fails.</summary>
    public static async Task DockerAsync(params string[] args)
    {
        var start = new ProcessStartInfo("docker");
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var run = await BuildScript.RunProcessAsync(start, TimeSpan.FromMinutes(5));
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"docker {string.Join(' ', args)} exited with {run.ExitCode}: {run.Output}");
    }
}
