using System.Globalization;
using Pipeline.Environments;
using Pipeline.Model;

namespace Pipeline.Development;

/// <summary>The development environment: a Compose project <c>&lt;prefix&gt;-dev</c> running the development stage over a mounted source folder.</summary>
/// <param name="Prefix">The Compose project prefix (<c>--environment-prefix</c>, else the image name).</param>
/// <param name="ImageName">The service's image name; the development image is <c>&lt;ImageName&gt;:dev</c>.</param>
/// <param name="HostPort">The app's port on 127.0.0.1.</param>
/// <param name="DebuggerPort">The debugger's port on 127.0.0.1 (container port 4024).</param>
/// <param name="SourceDirectory">The folder mounted at <c>/src</c> (the service's project folder).</param>
/// <param name="RepositoryRoot">The checkout whose <c>Directory.Build.props</c> and <c>Directory.Packages.props</c> are mounted.</param>
/// <param name="DeployDirectory">The folder holding <c>compose.yaml</c> and <c>compose.development.yaml</c>.</param>
public sealed record DevSettings(string Prefix, string ImageName, int HostPort, int DebuggerPort, string SourceDirectory, string RepositoryRoot, string DeployDirectory)
{
    /// <summary>The port the debugger server listens on inside the container.</summary>
    public const int ContainerDebuggerPort = 4024;

    /// <summary>The label every development image carries, valued with the image name: how DevClean finds them.</summary>
    public const string ImageLabel = "org.app-pipeline.dev-image";

    private static readonly string[] PropsFiles = ["Directory.Build.props", "Directory.Packages.props"];

    /// <summary>The port the service listens on inside its container.</summary>
    public int ContainerPort { get; init; } = 8080;

    /// <summary>The host's NuGet packages folder, mounted read-only so the container restores offline.</summary>
    public string NuGetPackages { get; init; } = DefaultNuGetPackages();

    /// <summary>The Compose project: <c>&lt;prefix&gt;-dev</c>.</summary>
    public string ProjectName => $"{Prefix.Split('/')[^1]}-dev".ToLowerInvariant();

    /// <summary>The local image the environment runs: <c>&lt;image-name&gt;:dev</c>.</summary>
    public string Image => $"{ImageName}:dev";

    /// <summary>Where the app answers.</summary>
    public string Url => $"http://127.0.0.1:{HostPort}";

    /// <summary>The environment as the Environments code knows it (never with the laptop overlay).</summary>
    public EnvironmentSettings Environment =>
        new(DeployEnvironment.Other("development"), ProjectName, HostPort, DeploymentProfile.Server, DeployDirectory) { ContainerPort = ContainerPort };

    /// <summary>The release the compose files get: the local development image.</summary>
    public Release Release => Model.Release.Of("development", "", Service.DefaultName, Image);

    /// <summary>The variables <c>compose.development.yaml</c> reads, besides the release's.</summary>
    public IReadOnlyDictionary<string, string?> Variables => new Dictionary<string, string?>
    {
        ["APP_SOURCE"] = Path.GetFullPath(SourceDirectory),
        ["APP_ROOT"] = Path.GetFullPath(RepositoryRoot),
        ["APP_NUGET_PACKAGES"] = NuGetPackages,
        ["APP_DEBUGGER_PORT"] = DebuggerPort.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Throws a <see cref="DevException"/> naming what is wrong: a port, the source folder, the props files.</summary>
    public void Check()
    {
        Environment.Check();
        if (DebuggerPort is < 1 or > 65535 || DebuggerPort == HostPort)
            throw new DevException($"{DebuggerPort} is not a usable debugger port: use 1-65535, other than the app's port {HostPort} (--dev-debugger-port N).");
        if (!Directory.Exists(SourceDirectory))
            throw new DevException($"The source folder {Path.GetFullPath(SourceDirectory)} does not exist: pass --dev-source <folder holding the service's .csproj> (default: --context).");
        if (!Directory.EnumerateFiles(SourceDirectory, "*.csproj").Any())
            throw new DevException($"{Path.GetFullPath(SourceDirectory)} holds no .csproj, so dotnet watch has nothing to run: pass --dev-source <the service's project folder>.");
        foreach (var props in PropsFiles.Select(p => Path.Combine(RepositoryRoot, p)).Where(p => !File.Exists(p)))
            throw new DevException($"{props} not found: the development container mounts it read-only. Run from the repository root.");
        if (!Directory.Exists(NuGetPackages))
            throw new DevException($"The NuGet packages folder {NuGetPackages} does not exist, so the container cannot restore offline: run {Commands.Compile} once (it restores on the host), or set NUGET_PACKAGES.");
    }

    private static string DefaultNuGetPackages() =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set ? set
        : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
