namespace Pipeline;

/// <summary>A flag of the command line, as the user types it without its dashes (<c>environment</c> for <c>--environment</c>).</summary>
public sealed class Flag
{
    private Flag(string name) => Name = name;

    /// <summary>The kebab-case name, without the leading <c>--</c>.</summary>
    public string Name { get; }

    internal static Flag Of(string name) => new(name);

    /// <inheritdoc />
    public override string ToString() => "--" + Name;
}

/// <summary>
/// A command a user can run to act on an error, such as <c>./build.sh Rollback --emergency</c>: a target and its flags.
/// Built only from the <see cref="Commands"/> catalogue, whose every target and flag a test checks against the build.
/// </summary>
public sealed record Command
{
    private readonly IReadOnlyList<(Flag Flag, string? Value)> flags;

    private Command(string target, IReadOnlyList<(Flag, string?)> flags) => (Target, this.flags) = (target, flags);

    /// <summary>The target's name.</summary>
    public string Target { get; }

    /// <summary>The flags, in order, each with its value (null for a switch).</summary>
    public IReadOnlyList<(Flag Flag, string? Value)> Flags => flags;

    internal static Command Of(string target) => new(target, []);

    /// <summary>This command with one more flag (a switch when <paramref name="value"/> is null).</summary>
    public Command With(Flag flag, object? value = null) => new(Target, [.. flags, (flag, value?.ToString())]);

    /// <summary>The command line: <c>./build.sh Target --flag value</c>.</summary>
    public override string ToString() =>
        string.Join(' ', ["./build.sh", Target, .. flags.Select(f => f.Value is null ? f.Flag.ToString() : $"{f.Flag} {f.Value}")]);
}

/// <summary>The catalogue of commands the engine tells users to run; a test fails when a target or flag here does not exist.</summary>
public static class Commands
{
#pragma warning disable CS1591 // Each member is the target or flag of the same name.
    public static readonly Command Doctor = Command.Of(nameof(Doctor));
    public static readonly Command Setup = Command.Of(nameof(Setup));
    public static readonly Command SetupTestTools = Command.Of(nameof(SetupTestTools));
    public static readonly Command Test = Command.Of(nameof(Test));
    public static readonly Command BaseImages = Command.Of(nameof(BaseImages));
    public static readonly Command Compile = Command.Of(nameof(Compile));
    public static readonly Command Publish = Command.Of(nameof(Publish));
    public static readonly Command BuildDevImage = Command.Of(nameof(BuildDevImage));
    public static readonly Command BuildProdImage = Command.Of(nameof(BuildProdImage));
    public static readonly Command BuildImages = Command.Of(nameof(BuildImages));
    public static readonly Command BuildDebugImage = Command.Of(nameof(BuildDebugImage));
    public static readonly Command ValidateProduction = Command.Of(nameof(ValidateProduction));
    public static readonly Command TagImages = Command.Of(nameof(TagImages));
    public static readonly Command PushImages = Command.Of(nameof(PushImages));
    public static readonly Command DeployStaging = Command.Of(nameof(DeployStaging));
    public static readonly Command SyncProductionData = Command.Of(nameof(SyncProductionData));
    public static readonly Command HealthCheck = Command.Of(nameof(HealthCheck));
    public static readonly Command WorkflowTests = Command.Of(nameof(WorkflowTests));
    public static readonly Command PromoteToProduction = Command.Of(nameof(PromoteToProduction));
    public static readonly Command Rollback = Command.Of(nameof(Rollback));
    public static readonly Command Audit = Command.Of(nameof(Audit));
    public static readonly Command Unlock = Command.Of(nameof(Unlock));
    public static readonly Command Maintenance = Command.Of(nameof(Maintenance));
    public static readonly Command GenerateWorkflows = Command.Of(nameof(GenerateWorkflows));
    public static readonly Command DevStart = Command.Of(nameof(DevStart));
    public static readonly Command DevStop = Command.Of(nameof(DevStop));
    public static readonly Command DevRestart = Command.Of(nameof(DevRestart));
    public static readonly Command DevStatus = Command.Of(nameof(DevStatus));
    public static readonly Command DevLogs = Command.Of(nameof(DevLogs));
    public static readonly Command DevClean = Command.Of(nameof(DevClean));
    public static readonly Command DebugSnapshot = Command.Of(nameof(DebugSnapshot));
    public static readonly Command DebugLocal = Command.Of(nameof(DebugLocal));

    /// <summary>The flags the engine's remedies name.</summary>
    public static class Flags
    {
        public static readonly Flag Environment = Flag.Of("environment");
        public static readonly Flag On = Flag.Of("on");
        public static readonly Flag Off = Flag.Of("off");
        public static readonly Flag Message = Flag.Of("message");
        public static readonly Flag ProxyName = Flag.Of("proxy-name");
        public static readonly Flag Verbosity = Flag.Of("verbosity");
        public static readonly Flag List = Flag.Of("list");
        public static readonly Flag Tag = Flag.Of("tag");
        public static readonly Flag Emergency = Flag.Of("emergency");
        public static readonly Flag Force = Flag.Of("force");
        public static readonly Flag Status = Flag.Of("status");
        public static readonly Flag RestoreData = Flag.Of("restore-data");
        public static readonly Flag Follow = Flag.Of("follow");
        public static readonly Flag Tail = Flag.Of("tail");
        public static readonly Flag Stop = Flag.Of("stop");
        public static readonly Flag Snapshot = Flag.Of("snapshot");
        public static readonly Flag Registry = Flag.Of("registry");
        public static readonly Flag RegistryUsername = Flag.Of("registry-username");
        public static readonly Flag RegistryPassword = Flag.Of("registry-password");
        public static readonly Flag RegistryData = Flag.Of("registry-data");
        public static readonly Flag BaseImage = Flag.Of("base-image");
        public static readonly Flag DeployTimeout = Flag.Of("deploy-timeout");
        public static readonly Flag HealthTimeout = Flag.Of("health-timeout");
        public static readonly Flag ValidationTimeout = Flag.Of("validation-timeout");
        public static readonly Flag DevTimeout = Flag.Of("dev-timeout");
        public static readonly Flag DevPort = Flag.Of("dev-port");
        public static readonly Flag DevSource = Flag.Of("dev-source");
        public static readonly Flag DebugLocalPort = Flag.Of("debug-local-port");
        public static readonly Flag StagingPort = Flag.Of("staging-port");
        public static readonly Flag ProductionPort = Flag.Of("production-port");
        public static readonly Flag ImageName = Flag.Of("image-name");
        public static readonly Flag Dockerfile = Flag.Of("dockerfile");
        public static readonly Flag Context = Flag.Of("context");
        public static readonly Flag Project = Flag.Of("project");
        public static readonly Flag Service = Flag.Of("service");
        public static readonly Flag Repository = Flag.Of("repository");
        public static readonly Flag EnvironmentPrefix = Flag.Of("environment-prefix");
        public static readonly Flag ReleaseManifestFile = Flag.Of("release-manifest-file");
        public static readonly Flag SanitizeSalt = Flag.Of("sanitize-salt");
        public static readonly Flag GithubToken = Flag.Of("github-token");
        public static readonly Flag GithubRepository = Flag.Of("github-repository");
        public static readonly Flag GithubApiUrl = Flag.Of("github-api-url");
        public static readonly Flag WorkflowsOutput = Flag.Of("workflows-output");
    }
#pragma warning restore CS1591
}
