using System.Reflection;
using Pipeline.GitHub.Actions;
using Pipeline.Operations;
using Serilog;
using Targets;

[GitHubActions("ci",
    OnPushBranches = ["main"],
    OnPullRequestBranches = ["main"],
    InvokedTargets = [nameof(Test), nameof(BuildImages), nameof(ValidateProduction)],
    CacheNuGet = true,
    PublishArtifacts = true,
    ArtifactRetentionDays = 14,
    ConcurrencyGroup = "ci-${{ github.ref }}",
    ConcurrencyCancelInProgress = true,
    TimeoutMinutes = 90)]
[GitHubActions("promote",
    OnWorkflowDispatchOptionalInputs = [nameof(Reason)],
    OnPushTags = ["v*"],
    StagingTargets = [nameof(PushImages), nameof(DeployStaging), nameof(SyncProductionData), nameof(HealthCheck), nameof(WorkflowTests)],
    StagingEnvironmentUrl = "${{ vars.STAGING_URL }}",
    StagingSecretEnvFiles = ["APP_STAGING_ENV_FILE"],
    InvokedTargets = [nameof(PromoteToProduction)],
    SecretEnvFiles = ["APP_PRODUCTION_ENV_FILE"],
    ImportSecrets = [nameof(RegistryPassword), nameof(SanitizeSalt)],
    EnvironmentSecrets = ["DOCKER_HOST"],
    EnableGitHubToken = true,
    WritePermissions = [GitHubActionsPermission.Contents, GitHubActionsPermission.Deployments],
    ConcurrencyGroup = "promote-production",
    TimeoutMinutes = 60,
    EnvironmentName = "production",
    EnvironmentUrl = "${{ vars.PRODUCTION_URL }}",
    PublishArtifacts = true,
    ArtifactRetentionDays = 30,
    RunsOn = ["self-hosted", "linux"],
    CleanCheckout = false)]
[GitHubActions("rollback",
    OnWorkflowDispatchOptionalInputs = [nameof(Tag), nameof(Emergency)],
    InvokedTargets = [nameof(Rollback)],
    SecretEnvFiles = ["APP_PRODUCTION_ENV_FILE"],
    ImportSecrets = [nameof(RegistryPassword)],
    EnvironmentSecrets = ["DOCKER_HOST"],
    EnableGitHubToken = true,
    WritePermissions = [GitHubActionsPermission.Deployments],
    ConcurrencyGroup = "promote-production",
    TimeoutMinutes = 30,
    EnvironmentName = "production",
    EnvironmentUrl = "${{ vars.PRODUCTION_URL }}",
    RunsOn = ["self-hosted", "linux"],
    CleanCheckout = false)]
partial class Build
{
    [Parameter("Folder GenerateWorkflows writes the workflows to (default: .github/workflows)")] readonly string? WorkflowsOutput;

    WorkflowOperations WorkflowSync => new(RootDirectory, Workflows, Log.Logger);

    /// <summary>Local runs rewrite the workflows whose definition changed; CI only warns when the checked-in ones drifted.</summary>
    protected override void OnBuildInitialized() => WorkflowSync.Refresh(IsLocalBuild);

    Target GenerateWorkflows => _ => _
        .Unlisted()
        .Description("Write the workflows declared in build/Build.CI.cs to --workflows-output (default .github/workflows)")
        .Executes(() => ReportSummary("", WorkflowSync.Write(WorkflowsOutput)));

    IReadOnlyList<WorkflowFile> Workflows()
    {
        try
        {
            return WorkflowFiles.Generate(GetType().GetCustomAttributes<GitHubActionsAttribute>(), Shape(GetType()) with
            {
                Products = AllTargets.ToDictionary(t => t.Name, t => t.Products),
                Runs = AllTargets.ToDictionary(t => t.Name, t => (IReadOnlyList<string>)[.. Closure(t, []).Select(c => c.Name)]),
            });
        }
        catch (WorkflowDefinitionException e)
        {
            throw new BuildException(e.Message);
        }
    }

    /// <summary>A target and every target it runs (dependencies first, then itself, then what it triggers), each once.</summary>
    static IEnumerable<ExecutableTarget> Closure(ExecutableTarget target, HashSet<ExecutableTarget> seen) =>
        !seen.Add(target) ? [] : [.. target.Dependencies.SelectMany(d => Closure(d, seen)), target, .. target.Triggers.SelectMany(t => Closure(t, seen))];

    /// <summary>The build's targets and parameters by name, for the generator to check the attributes against.</summary>
    static BuildShape Shape(Type build)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var targets = build.GetProperties(all).Where(p => p.PropertyType == typeof(Target)).Select(p => p.Name).ToList();
        var parameters = build.GetMembers(all)
            .Where(m => m is FieldInfo or PropertyInfo && m.IsDefined(typeof(ParameterAttribute)))
            .Select(m =>
            {
                var attribute = m.GetCustomAttribute<ParameterAttribute>()!;
                var type = m is FieldInfo f ? f.FieldType : ((PropertyInfo)m).PropertyType;
                type = Nullable.GetUnderlyingType(type) ?? type;
                return new BuildParameter(attribute.Name ?? m.Name, attribute.Description, m.IsDefined(typeof(SecretAttribute)))
                {
                    IsFlag = type == typeof(bool),
                    Options = type.IsEnum ? Enum.GetNames(type).Select(n => n.ToLowerInvariant()).ToList() : [],
                };
            })
            .ToList();
        return new BuildShape("build/Build.CI.cs", targets, parameters);
    }
}
