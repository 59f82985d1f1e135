using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Images;
using Pipeline.Images.Base;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Images;

[Collection(BaseImageCollection.Name)]
public sealed class BaseImageTests(SampleAppBaseImages sample) : IAsyncLifetime
{
    readonly string directory = TestMachine.TempDirectory("base-images");
    DockerClient client = null!;

    public async Task InitializeAsync() => client = await Engine.ConnectAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        client.Dispose();
        TestMachine.Delete(directory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_present_base_image_is_used_without_pulling()
    {
        await using var busybox = await BusyboxImage.BuildAsync("CMD [\"true\"]");
        var (logger, sink) = InMemorySink.CreateLogger();

        var resolved = await new BaseImages(client, logger, sample.Options).ResolveAsync(Dockerfile($"ARG BASE={busybox.Tag}\nFROM ${{BASE}}\n"), CancellationToken.None);

        Assert.Equal([new ResolvedBaseImage("BASE", busybox.Tag, busybox.Tag, BaseImageSource.Present)], resolved);
        Assert.DoesNotContain(sink.Messages, m => m.Contains("pulling", StringComparison.OrdinalIgnoreCase));
        // Untag without pruning: the busybox layers below are the build cache other test classes are building on right now.
        await client.Images.DeleteImageAsync(busybox.Tag, new ImageDeleteParameters { NoPrune = true });
    }

    [Fact]
    public async Task An_override_replaces_the_default_and_an_unknown_one_is_refused()
    {
        var present = sample.Used("RUNTIME_IMAGE");
        var (logger, _) = InMemorySink.CreateLogger();
        var images = new BaseImages(client, logger, sample.Options);
        var dockerfile = Dockerfile("ARG BASE=registry.invalid/none:1\nFROM ${BASE} AS one\nFROM one\n");

        var resolved = await images.ResolveAsync(dockerfile, new Dictionary<string, string> { ["BASE"] = present }, CancellationToken.None);
        var unknown = await Assert.ThrowsAsync<ImageBuildException>(() => images.ResolveAsync(dockerfile, new Dictionary<string, string> { ["OTHER"] = present }, CancellationToken.None));

        Assert.Equal(new ResolvedBaseImage("BASE", present, present, BaseImageSource.Present), Assert.Single(resolved));
        Assert.Contains("OTHER is not a base-image ARG", unknown.Message);
        Assert.Contains("BASE", unknown.Message);
    }

    [Fact]
    public async Task An_unpullable_image_without_a_recipe_fails_naming_the_arg_and_the_fix()
    {
        var (logger, sink) = InMemorySink.CreateLogger();

        var error = await Assert.ThrowsAsync<ImageBuildException>(() =>
            new BaseImages(client, logger, sample.Options).ResolveAsync(Dockerfile("ARG TOOL_IMAGE=registry.invalid/none:1\nFROM ${TOOL_IMAGE}\n"), CancellationToken.None));

        Assert.StartsWith("Base image registry.invalid/none:1 (ARG TOOL_IMAGE in ", error.Message);
        Assert.Contains("could not be pulled (", error.Message);
        Assert.Contains("there is no local recipe for it", error.Message);
        Assert.Contains("docker load", error.Message);
        Assert.Contains("--base-image TOOL_IMAGE=image", error.Message);
        Assert.Contains(sink.Messages, m => m.Contains("pull of registry.invalid/none:1 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_local_build_names_the_image_and_leaves_no_rootfs_behind()
    {
        var (logger, sink) = InMemorySink.CreateLogger();
        var options = sample.Options with { CacheDirectory = Path.Combine(directory, "cache"), DebianMirror = "http://127.0.0.1:9/debian" };

        var error = await Assert.ThrowsAsync<ImageBuildException>(() =>
            new BaseImages(client, logger, options).ResolveAsync(Dockerfile("ARG OS_IMAGE=debian:nosuchsuite\nFROM ${OS_IMAGE}\n"), CancellationToken.None));

        Assert.StartsWith("Base image debian:nosuchsuite (ARG OS_IMAGE in ", error.Message);
        Assert.Contains("building its local equivalent local/debian:nosuchsuite-minbase failed", error.Message);
        Assert.Contains("--base-image OS_IMAGE=image", error.Message);
        Assert.Contains(sink.Messages, m => m.StartsWith("debootstrap started", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(options.CacheDirectory, "work")));
        Assert.Empty(Directory.GetFiles(options.CacheDirectory, "*.tar*"));
    }

    [Fact]
    public async Task The_sample_app_base_images_are_local_equivalents_with_the_current_recipe_and_are_reused()
    {
        Assert.Equal(["SDK_IMAGE", "RUNTIME_IMAGE", "DEBUG_IMAGE"], sample.First.Select(r => r.Argument));
        foreach (var image in sample.First.Where(r => r.Used.StartsWith("local/", StringComparison.Ordinal)))
        {
            var recipe = BaseRecipes.For(image.Requested, sample.Options).Recipe!;
            var inspected = await client.Images.InspectImageAsync(image.Used);
            Assert.Equal(recipe.Hash, inspected.Config!.Labels![BaseRecipe.Label]);
            Assert.Contains(image.Source, new[] { BaseImageSource.Present, BaseImageSource.BuiltLocally });
        }
        var (logger, sink) = InMemorySink.CreateLogger();
        var clock = Stopwatch.StartNew();

        var second = await new BaseImages(client, logger, sample.Options).ResolveAsync(DockerfileInfo.Read(sample.DockerfilePath), CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"a warm resolve took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(sample.First.Select(r => r.Used), second.Select(r => r.Used));
        Assert.All(second, r => Assert.Equal(BaseImageSource.Present, r.Source));
        Assert.DoesNotContain(sink.Messages, m => m.Contains("pulling", StringComparison.Ordinal) || m.StartsWith("Building", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_runtime_deps_equivalent_for_debugging_runs_glibc_binaries()
    {
        var (exit, output) = await BaseImageContainer.RunAsync(client, sample.Used("DEBUG_IMAGE"), "/bin/sh", "-c", "ls /usr/bin/ls && cat /etc/os-release");

        Assert.True(exit == 0, output);
        Assert.Contains("ID=debian", output);
    }

    [Fact]
    public async Task The_runtime_image_has_no_shell_apt_or_perl()
    {
        var files = await BaseImageContainer.FilesAsync(client, sample.Used("RUNTIME_IMAGE"));

        string[] forbidden = ["sh", "bash", "dash", "perl", "apt", "apt-get", "dpkg"];
        Assert.DoesNotContain(files, f => forbidden.Any(name => f == $"usr/bin/{name}" || f == $"bin/{name}" || f.StartsWith($"usr/bin/{name} -> ", StringComparison.Ordinal)));
        Assert.DoesNotContain(files, f => f.Contains("/libicu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_distroless_equivalent_holds_what_a_self_contained_app_loads_and_the_loader_resolves_it()
    {
        var recipe = BaseRecipes.For("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", sample.Options).Recipe!;
        var (logger, _) = InMemorySink.CreateLogger();
        await new LocalEquivalents(client, logger, sample.Options).EnsureAsync(recipe, CancellationToken.None);
        var image = recipe.Tag;
        var files = await BaseImageContainer.FilesAsync(client, image);
        var multiarch = files.Single(f => f.EndsWith("/libc.so.6", StringComparison.Ordinal))[..^"/libc.so.6".Length];
        var loader = files.First(f => f.StartsWith(multiarch + "/ld-linux", StringComparison.Ordinal));

        foreach (var library in new[] { "libstdc++.so.6", "libgcc_s.so.1", "libssl.so.3", "libcrypto.so.3", "libz.so.1" })
            Assert.Contains(files, f => f.StartsWith($"{multiarch}/{library}", StringComparison.Ordinal));
        Assert.Contains("etc/ssl/certs/ca-certificates.crt", files);
        Assert.Contains("usr/lib/ssl/cert.pem -> /etc/ssl/certs/ca-certificates.crt", files);
        Assert.Contains("usr/share/zoneinfo/Europe/Paris", files);
        Assert.Contains("var/lib/dpkg/status.d/libssl3", files);
        foreach (var library in new[] { "libstdc++.so.6", "libssl.so.3" })
        {
            var (exit, output) = await BaseImageContainer.RunAsync(client, image, "/" + loader, "--list", $"/{multiarch}/{library}");
            Assert.True(exit == 0, output);
            Assert.DoesNotContain("not found", output);
            Assert.Contains("libc.so.6", output);
        }
        var config = (await client.Images.InspectImageAsync(image)).Config!;
        Assert.Equal("1654", config.User);
        Assert.Contains("APP_UID=1654", config.Env ?? []);
    }

    [Fact]
    public async Task The_sdk_equivalent_runs_the_machines_sdk()
    {
        var sdk = new DotnetInstall(sample.Options.DotnetRoot).Newest("sdk", "10.0");

        var (exit, output) = await BaseImageContainer.RunAsync(client, sample.Used("SDK_IMAGE"), "dotnet", "--version");

        Assert.True(exit == 0, output);
        if (sample.Used("SDK_IMAGE").StartsWith("local/", StringComparison.Ordinal))
            Assert.Equal(sdk, output.Trim());
    }

    [Fact]
    public async Task A_runtime_image_is_built_on_runtime_deps_with_the_machines_runtime()
    {
        var (logger, _) = InMemorySink.CreateLogger();

        var resolved = await new BaseImages(client, logger, sample.Options).ResolveAsync(Dockerfile("ARG RT=mcr.microsoft.com/dotnet/runtime:10.0\nFROM ${RT}\n"), CancellationToken.None);
        var (exit, output) = await BaseImageContainer.RunAsync(client, Assert.Single(resolved).Used, "dotnet", "--list-runtimes");

        Assert.Equal(resolved[0].Source == BaseImageSource.Pulled ? "mcr.microsoft.com/dotnet/runtime:10.0" : "local/dotnet-runtime:10.0", resolved[0].Used);
        Assert.True(exit == 0, output);
        Assert.Contains("Microsoft.NETCore.App 10.0.", output);
    }

    [Fact]
    public async Task A_local_equivalent_with_a_stale_recipe_label_is_rebuilt()
    {
        const string requested = "mcr.microsoft.com/dotnet/runtime-deps:99.9", local = "local/dotnet-runtime-deps:99.9";
        var (logger, _) = InMemorySink.CreateLogger();
        var images = new BaseImages(client, logger, sample.Options);
        var dockerfile = Dockerfile($"ARG RUNTIME_IMAGE={requested}\nFROM ${{RUNTIME_IMAGE}}\n");
        var minbase = BaseRecipes.For(requested, sample.Options).Recipe!.Parent!.Tag;
        await client.Images.TagImageAsync(minbase, new ImageTagParameters { RepositoryName = "local/dotnet-runtime-deps", Tag = "99.9" });
        try
        {
            var rebuilt = Assert.Single(await images.ResolveAsync(dockerfile, CancellationToken.None));
            var reused = Assert.Single(await images.ResolveAsync(dockerfile, CancellationToken.None));

            Assert.Equal((local, BaseImageSource.BuiltLocally), (rebuilt.Used, rebuilt.Source));
            Assert.Equal((local, BaseImageSource.Present), (reused.Used, reused.Source));
            var label = (await client.Images.InspectImageAsync(local)).Config!.Labels![BaseRecipe.Label];
            Assert.Equal(BaseRecipes.For(requested, sample.Options).Recipe!.Hash, label);
            Assert.NotNull(await client.Images.InspectImageAsync(minbase));
        }
        finally
        {
            await client.Images.DeleteImageAsync(local, new ImageDeleteParameters { Force = true });
            TestMachine.Delete(Path.Combine(sample.Options.CacheDirectory, "contexts", "dotnet-runtime-deps-99.9"));
        }
    }

    DockerfileInfo Dockerfile(string text)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.Dockerfile");
        File.WriteAllText(path, text);
        return DockerfileInfo.Read(path);
    }
}
