using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Docker;
using Pipeline.Images;

namespace EndToEnd.Tests;

/// <summary>
/// Runs <c>./build.sh PushImages</c> once for the delivery tests and keeps private copies of the release manifest, so other
/// tests that push again cannot change it under them.
/// </summary>
public sealed class DeliveryFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("e2e-delivery-").FullName;

    /// <summary>The copy of artifacts/release.json.</summary>
    public string ReleaseFile => Path.Combine(Folder, "release.json");

    /// <summary>
    /// A second, different release: the same manifest whose production image is the release's debug image. The debug stage is
    /// the production stage plus diagnostics, so it serves the same API and health checks but has another digest; promoting it
    /// after <see cref="ReleaseFile"/> gives a visible change (digest label, /version's debuggingEnabled) without a second build.
    /// </summary>
    public string DebugReleaseFile => Path.Combine(Folder, "release-debug.json");

    public ReleaseManifest Release { get; private set; } = null!;

    public string ProductionImage => Release.Images["production"];

    public string DebugImage => Release.Images["debug"];

    public async Task InitializeAsync()
    {
        var run = await BuildScript.RunAsync("PushImages");
        if (run.ExitCode != 0)
            run = await BuildScript.RunAsync("PushImages"); // a concurrent restore of src/App by another test run can break one publish
        if (run.ExitCode != 0)
            throw new InvalidOperationException("./build.sh PushImages failed: " + run);
        File.Copy(Path.Combine(BuildScript.Root, "artifacts", "release.json"), ReleaseFile);
        Release = ReleaseManifest.Read(ReleaseFile);
        (Release with { Images = new Dictionary<string, string> { ["production"] = DebugImage } }).Write(DebugReleaseFile);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>One isolated production site for one test: its own prefix, ports, git repository (with a bare origin), and clean-up.</summary>
public sealed class DeliverySite : IAsyncDisposable
{
    DeliverySite(string prefix, int stagingPort, int productionPort, string folder)
    {
        Prefix = prefix;
        StagingPort = stagingPort;
        ProductionPort = productionPort;
        Folder = folder;
    }

    public string Prefix { get; }
    public int StagingPort { get; }
    public int ProductionPort { get; }
    public string Folder { get; }
    public string Repository => Path.Combine(Folder, "repo");
    public string Origin => Path.Combine(Folder, "origin.git");
    public string ProductionProject => $"{Prefix}-production";
    public string BackupFolder => Path.Combine(BuildScript.Root, "backups", ProductionProject);
    public string LockFolder => Path.Combine(BuildScript.Root, ".deploy", "locks", Prefix);
    public string LockFile => Path.Combine(LockFolder, "production.lock");
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<DeliverySite> CreateAsync()
    {
        var prefix = "e2e" + Guid.NewGuid().ToString("N")[..6];
        var folder = Directory.CreateTempSubdirectory($"e2e-{prefix}-").FullName;
        var ports = Ports.Free(2);
        var (staging, production) = (ports[0], ports[1]);
        var site = new DeliverySite(prefix, staging, production, folder);
        try
        {
            await Git(folder, "clone", "--quiet", BuildScript.Root, site.Repository);
            await Git(folder, "init", "--bare", "--quiet", site.Origin);
            await Git(site.Repository, "remote", "set-url", "origin", site.Origin);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
        return site;
    }

    /// <summary>The arguments every delivery run of this site passes.</summary>
    public string[] SiteArguments =>
    [
        "--environment-prefix", Prefix, "--staging-port", StagingPort.ToString(), "--production-port", ProductionPort.ToString(),
        "--repository", Repository,
    ];

    public Task<BuildRun> PromoteAsync(string releaseFile, params string[] extra) =>
        BuildScript.RunAsync(["PromoteToProduction", "--skip", .. SiteArguments, "--release-manifest-file", releaseFile, .. extra]);

    public Task<BuildRun> RollbackAsync(params string[] extra) =>
        BuildScript.RunAsync(["Rollback", .. SiteArguments, .. extra]);

    /// <summary>Rollback tags pushed to the bare origin (only this site's promotions push there).</summary>
    public async Task<IReadOnlyList<string>> OriginTagsAsync() =>
        [.. (await Git(Folder, "ls-remote", "--tags", Origin)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t')[1].Replace("refs/tags/", "")).Where(t => t.StartsWith("rollback-") && !t.EndsWith("^{}"))];

    public async Task<JsonNode> TagManifestAsync(string tag)
    {
        var message = await Git(Repository, "tag", "-l", "--format=%(contents)", tag);
        Assert.False(string.IsNullOrWhiteSpace(message), $"tag {tag} is not in {Repository}");
        return JsonNode.Parse(message[message.IndexOf('{')..(message.LastIndexOf('}') + 1)])!;
    }

    /// <summary>Labels of the running production container, or null when none runs.</summary>
    public async Task<IDictionary<string, string>?> ProductionLabelsAsync()
    {
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        var containers = await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = ProjectFilter(ProductionProject) });
        return containers.FirstOrDefault(c => c.State == "running")?.Labels;
    }

    public async Task<int> ContainerCountAsync(string project)
    {
        using var engine = await Engine.ConnectAsync(CancellationToken.None);
        return (await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = ProjectFilter(project) })).Count;
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync($"http://127.0.0.1:{ProductionPort}{path}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task<long> CreateUserAsync(string email)
    {
        using var response = await Http.PostAsync($"http://127.0.0.1:{ProductionPort}/api/users",
            new StringContent(JsonSerializer.Serialize(new { name = "E2E User", email, phone = "+1 555 0100" }), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/users: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<long>();
    }

    /// <summary>Audit entries about this site's production appended since <paramref name="offset"/> bytes.</summary>
    public static IReadOnlyList<JsonNode> AuditSince(long offset)
    {
        var path = AuditPath;
        if (!File.Exists(path))
            return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        var text = new StreamReader(stream).ReadToEnd();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonNode.Parse(l)!)];
    }

    public static long AuditLength => File.Exists(AuditPath) ? new FileInfo(AuditPath).Length : 0;

    static string AuditPath => Path.Combine(BuildScript.Root, "logs", "deploy", "audit.jsonl");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            using var engine = await Engine.ConnectAsync(CancellationToken.None);
            foreach (var project in new[] { $"{Prefix}-staging", ProductionProject })
            {
                foreach (var container in await engine.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = ProjectFilter(project) }))
                    await Ignore(() => engine.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }));
                await Ignore(() => engine.Volumes.RemoveAsync($"{project}_data", true));
                await Ignore(() => engine.Networks.DeleteNetworkAsync($"{project}_default"));
            }
        }
        finally
        {
            foreach (var folder in new[] { BackupFolder, LockFolder, Folder })
            {
                try
                {
                    if (Directory.Exists(folder))
                        Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    static Dictionary<string, IDictionary<string, bool>> ProjectFilter(string project) =>
        new() { ["label"] = new Dictionary<string, bool> { [$"com.docker.compose.project={project}"] = true } };

    static async Task Ignore(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (DockerApiException)
        {
        }
    }

    public static async Task<string> Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
