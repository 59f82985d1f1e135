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
/// Runs <c>./build.sh PushImages</c> once for a test class, under an image name of its own and into a private release
/// manifest, so that nothing else that pushes can change it and the checkout's <c>artifacts/</c> stays untouched; removes
/// what it pushed and tagged at the end.
/// </summary>
public sealed class DeliveryFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("e2e-delivery-").FullName;

    /// <summary>The image name (and so the registry repository) of this release, e.g. <c>e2erel1a2b3c</c>.</summary>
    public string ImageName { get; } = "e2erel" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>The release manifest PushImages wrote.</summary>
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
        string[] push = ["PushImages", "--image-name", ImageName, "--release-manifest-file", ReleaseFile];
        var run = await BuildScript.RunAsync(push);
        if (run.ExitCode != 0)
            run = await BuildScript.RunAsync(push); // a concurrent restore of src/App by another test run can break one publish
        if (run.ExitCode != 0)
            throw new InvalidOperationException("./build.sh PushImages failed: " + run);
        Release = ReleaseManifest.Read(ReleaseFile);
        (Release with { Images = new Dictionary<string, string> { ["production"] = DebugImage } }).Write(DebugReleaseFile);
    }

    public async Task DisposeAsync()
    {
        await TestImages.RemoveAsync(ImageName);
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>
/// One isolated production site for one test: its own prefix, ports, root (a clone of the checkout, see <see cref="SiteRoot"/>,
/// with a bare origin), and clean-up. Every run passes <c>--root</c>, so the audit log, locks, backups and artifacts are the site's.
/// </summary>
public sealed class DeliverySite : IAsyncDisposable
{
    DeliverySite(string prefix, int stagingPort, int productionPort, int proxyApiPort, string folder)
    {
        Prefix = prefix;
        StagingPort = stagingPort;
        ProductionPort = productionPort;
        ProxyApiPort = proxyApiPort;
        Folder = folder;
    }

    public string Prefix { get; }
    public int StagingPort { get; }
    public int ProductionPort { get; }
    public int ProxyApiPort { get; }
    public string Folder { get; }
    public string Repository => Path.Combine(Folder, "repo");
    public string Origin => Path.Combine(Folder, "origin.git");
    public string ProductionProject => $"{Prefix}-production";
    public string BackupFolder => Path.Combine(Repository, "backups", ProductionProject);
    public async Task<bool> LockedAsync() => await SiteEngine.LockAsync(Prefix) is not null;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<DeliverySite> CreateAsync()
    {
        var prefix = "e2e" + Guid.NewGuid().ToString("N")[..6];
        var folder = Directory.CreateTempSubdirectory($"e2e-{prefix}-").FullName;
        var ports = Ports.Free(3);
        var site = new DeliverySite(prefix, ports[0], ports[1], ports[2], folder);
        try
        {
            await SiteRoot.CreateAsync(site.Repository);
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
        "--root", Repository, .. SiteEngine.ProxyArguments(Prefix, ProxyApiPort),
    ];

    /// <summary>The image name of a full chain run at this site (so that its pushes and tags are its own and removed at the end).</summary>
    public string ImageName => Prefix;

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
    public async Task<IDictionary<string, string>?> ProductionLabelsAsync() => (await SiteEngine.RunningAsync(ProductionProject))?.Labels;

    /// <summary>How many containers <paramref name="project"/>'s releases have, running or kept stopped.</summary>
    public async Task<int> ContainerCountAsync(string project) => (await SiteEngine.ContainersAsync(project)).Count;

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

    /// <summary>Audit entries of this site appended since <paramref name="offset"/> bytes.</summary>
    public IReadOnlyList<JsonNode> AuditSince(long offset)
    {
        if (!File.Exists(AuditPath))
            return [];
        using var stream = new FileStream(AuditPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        var text = new StreamReader(stream).ReadToEnd();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonNode.Parse(l)!)];
    }

    public long AuditLength => File.Exists(AuditPath) ? new FileInfo(AuditPath).Length : 0;

    string AuditPath => Path.Combine(Repository, "logs", "deploy", "audit.jsonl");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await SiteEngine.RemoveAsync(Prefix);
        }
        finally
        {
            await TestImages.RemoveAsync(ImageName);
            Directory.Delete(Folder, recursive: true);
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
