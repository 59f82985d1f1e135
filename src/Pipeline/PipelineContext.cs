using System.Collections;
using System.Collections.Concurrent;
using Docker.DotNet;
using Pipeline.Compose;
using Pipeline.Delivery;
using Pipeline.Docker;
using Pipeline.Environments;
using Pipeline.GitHub.Deployments;
using Pipeline.Hosts;
using Pipeline.Images;
using Pipeline.Operations;
using Pipeline.Output;
using Pipeline.Versioning;
using Serilog;

namespace Pipeline;

/// <summary>
/// The composition root of one run: the one engine client, the git facts of the checkout, the Compose tool, GitHub's
/// recorder, what this run built, and the operations the targets call. Made once by the build from
/// <see cref="PipelineSettings"/>; everything is looked up lazily.
/// </summary>
public sealed class PipelineContext : IDisposable
{
    private readonly Lazy<Task<DockerClient>> docker;
    private readonly Lazy<Task<BuildVersion>> version;
    private readonly Lazy<Task<SourceInfo>> source;
    private readonly Lazy<Task<ComposeTool?>> compose;
    private readonly Lazy<Task<DeploymentRecorder>> gitHub;
    private readonly ConcurrentDictionary<Model.Host, Lazy<Task<HostConnection>>> hosts = new();
    private readonly ConcurrentStack<IAsyncDisposable> held = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> once = new(StringComparer.Ordinal);

    /// <summary>A context for <paramref name="settings"/>, logging to <paramref name="log"/>, showing results on <paramref name="output"/>, masking with <paramref name="masker"/>.</summary>
    public PipelineContext(PipelineSettings settings, ILogger log, IRunOutput output, ISecretMasker masker)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Log = log ?? throw new ArgumentNullException(nameof(log));
        Output = output ?? throw new ArgumentNullException(nameof(output));
        Masker = masker ?? throw new ArgumentNullException(nameof(masker));
        docker = new(() => Engine.ConnectAsync(CancellationToken.None));
        version = new(() => BuildVersion.FromGitAsync(settings.RootDirectory, CancellationToken.None));
        source = new(() => SourceInfo.FromGitAsync(settings.RootDirectory, CancellationToken.None));
        compose = new(() => ComposeTool.DetectAsync(CancellationToken.None));
        gitHub = new(CreateGitHubAsync);
    }

    /// <summary>What the pipeline is set up with.</summary>
    public PipelineSettings Settings { get; }

    /// <summary>The run's logger.</summary>
    public ILogger Log { get; }

    /// <summary>Where results are shown: printed tables, summary notes, area logs.</summary>
    public IRunOutput Output { get; }

    /// <summary>The host's one secret masker.</summary>
    public ISecretMasker Masker { get; }

    /// <summary>The image targets' operations.</summary>
    public ImageOperations Images => new(this);

    /// <summary>What this run built: base image arguments and the local tag of each stage.</summary>
    public BuiltImages Built { get; } = new();

    /// <summary>The one engine client of the run (connected on first use).</summary>
    public Task<DockerClient> DockerAsync(CancellationToken cancellationToken) => docker.Value.WaitAsync(cancellationToken);

    /// <summary>The run's connection to <paramref name="host"/> (made on first use, closed when the run ends); SSH as <see cref="DeliveryOptions.Ssh"/> says.</summary>
    public Task<HostConnection> HostAsync(Model.Host host, SshOptions ssh, CancellationToken cancellationToken) =>
        hosts.GetOrAdd(host, h => new(() => Engine.ConnectAsync(h, ssh, CancellationToken.None))).Value.WaitAsync(cancellationToken);

    /// <summary>Keeps <paramref name="resource"/> (a port forward) open until the run ends.</summary>
    public T Hold<T>(T resource) where T : IAsyncDisposable
    {
        held.Push(resource);
        return resource;
    }

    /// <summary>The result of <paramref name="make"/>, made once per run for <paramref name="key"/> (a forward to a host, the registry carried to it).</summary>
    public async Task<T> OnceAsync<T>(string key, Func<Task<T>> make) where T : class =>
        (T)await once.GetOrAdd(key, _ => new(async () => await make())).Value;

    /// <summary>The version of the checkout (computed once).</summary>
    public Task<BuildVersion> VersionAsync(CancellationToken cancellationToken) => version.Value.WaitAsync(cancellationToken);

    /// <summary>Where the checkout's source comes from (read once).</summary>
    public Task<SourceInfo> SourceAsync(CancellationToken cancellationToken) => source.Value.WaitAsync(cancellationToken);

    /// <summary>The Compose tool; throws naming the fix when there is none.</summary>
    public async Task<ComposeTool> ComposeAsync(CancellationToken cancellationToken) =>
        await compose.Value.WaitAsync(cancellationToken)
        ?? throw new EnvironmentException($"No Compose tool found (docker compose or docker-compose): run {Commands.Setup}.");

    /// <summary>The rollback points of the rollback repository, logging to <paramref name="log"/>.</summary>
    public RollbackPoints RollbackPoints(ILogger log) => new(Settings.RollbackRepository, log);

    /// <summary>The run's GitHub recorder (made once, so "no token" is said once), writing to <paramref name="log"/>.</summary>
    public async Task<DeploymentRecorder> GitHubAsync(ILogger log, CancellationToken cancellationToken) =>
        (await gitHub.Value.WaitAsync(cancellationToken)).WithLog(log);

    private async Task<DeploymentRecorder> CreateGitHubAsync()
    {
        var options = Settings.GitHub;
        var origin = options.Token is { Length: > 0 } && string.IsNullOrWhiteSpace(options.Repository)
            ? await GitHubSettings.OriginUrlAsync(Settings.RollbackRepository, CancellationToken.None) : null;
        var environment = System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value);
        return DeploymentRecorder.Create(GitHubSettings.From(options.Token, options.Repository, options.ApiUrl, origin, environment), Log);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        while (held.TryPop(out var resource))
            resource.DisposeAsync().AsTask().GetAwaiter().GetResult();
        foreach (var connection in hosts.Values.Where(c => c.IsValueCreated && c.Value.IsCompletedSuccessfully))
            connection.Value.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (docker.IsValueCreated && docker.Value.IsCompletedSuccessfully)
            docker.Value.Result.Dispose();
    }
}

/// <summary>What this run built, recorded as it happens: the base image arguments and the local tag of each stage.</summary>
public sealed class BuiltImages
{
    private readonly ConcurrentDictionary<string, string> stages = new(StringComparer.Ordinal);

    /// <summary>The Dockerfile's base image arguments as resolved (ARG → image); empty until resolved.</summary>
    public IReadOnlyDictionary<string, string> BaseArguments { get; private set; } = new Dictionary<string, string>();

    /// <summary>Records the resolved base image arguments.</summary>
    public void ResolvedBases(IReadOnlyDictionary<string, string> arguments) => BaseArguments = arguments;

    /// <summary>Records that <paramref name="stage"/> was built as <paramref name="localTag"/>.</summary>
    public void Built(Model.ImageStage stage, string localTag) => stages[stage.Name] = localTag;

    /// <summary>The local tag of <paramref name="stage"/> built in this run, or null.</summary>
    public string? Of(Model.ImageStage stage) => stages.TryGetValue(stage.Name, out var tag) ? tag : null;

    /// <summary>The stages built in this run, in push order, with their local tags.</summary>
    public IReadOnlyList<(Model.ImageStage Stage, string LocalTag)> All =>
        [.. Model.ImageStage.All.Where(s => stages.ContainsKey(s.Name)).Select(s => (s, stages[s.Name]))];
}
