namespace Pipeline.GitHub.Actions;

/// <summary>
/// Declares a GitHub Actions workflow generated from the build class into <c>.github/workflows/&lt;name&gt;.yml</c>,
/// in the spirit of NUKE's <c>[GitHubActions]</c>: one job on <see cref="RunsOn"/> that checks out the repository,
/// sets up .NET from <c>global.json</c> and runs <c>./build.sh</c> with <see cref="InvokedTargets"/>; with
/// <see cref="StagingTargets"/>, a <c>staging</c> job runs those first and the main job needs it.
/// Every action is pinned to a commit (<see cref="ActionPins"/>).
/// Names of targets and parameters are the build's member names (use <c>nameof</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsAttribute(string name) : Attribute
{
    /// <summary>The workflow's name and file name: lower case letters, digits and dashes, e.g. <c>ci</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Branches whose pushes run the workflow.</summary>
    public string[] OnPushBranches { get; set; } = [];

    /// <summary>Tag patterns whose pushes run the workflow, e.g. <c>v*</c>.</summary>
    public string[] OnPushTags { get; set; } = [];

    /// <summary>Target branches of the pull requests that run the workflow.</summary>
    public string[] OnPullRequestBranches { get; set; } = [];

    /// <summary>Whether the workflow can be run by hand from the Actions tab (also implied by dispatch inputs).</summary>
    public bool OnWorkflowDispatch { get; set; }

    /// <summary>Parameters offered as optional inputs of a manual run (type and description from the parameter).</summary>
    public string[] OnWorkflowDispatchOptionalInputs { get; set; } = [];

    /// <summary>Parameters offered as required inputs of a manual run.</summary>
    public string[] OnWorkflowDispatchRequiredInputs { get; set; } = [];

    /// <summary>A cron schedule (five fields, UTC) that runs the workflow, e.g. <c>0 3 * * 1</c>.</summary>
    public string? OnCronSchedule { get; set; }

    /// <summary>The targets the job runs, in order.</summary>
    public string[] InvokedTargets { get; set; } = [];

    /// <summary>Secret parameters fed from repository secrets of their SCREAMING_SNAKE name (RegistryPassword from REGISTRY_PASSWORD).</summary>
    public string[] ImportSecrets { get; set; } = [];

    /// <summary>Repository secrets passed to the build as environment variables of the same name, for tools (e.g. DOCKER_HOST).</summary>
    public string[] EnvironmentSecrets { get; set; } = [];

    /// <summary>
    /// Variables that name an env file (<c>NAME=value</c> lines) Compose gives the app, e.g. <c>APP_PRODUCTION_ENV_FILE</c>.
    /// Before the build, the main job writes the repository secret named like the variable without <c>_FILE</c>
    /// (<c>APP_PRODUCTION_ENV</c>) to a file only the runner's user can read, under <c>$RUNNER_TEMP</c> (emptied after
    /// the job), and sets the variable to its path. The secret is never echoed; when it is not set, the variable stays
    /// unset and Compose's default applies.
    /// </summary>
    public string[] SecretEnvFiles { get; set; } = [];

    /// <summary>
    /// Targets a first job, <c>staging</c>, runs in the GitHub environment <see cref="StagingEnvironmentName"/>. The main
    /// job needs it, so its own environment's approval is asked only once staging is green; it downloads what the
    /// staging targets produced (e.g. <c>artifacts/release.json</c>, the digests staging tested) and skips the targets
    /// staging ran, with <c>--skip</c>.
    /// </summary>
    public string[] StagingTargets { get; set; } = [];

    /// <summary>The GitHub environment of the staging job.</summary>
    public string StagingEnvironmentName { get; set; } = "staging";

    /// <summary>The URL shown for the staging environment; expressions allowed, e.g. <c>${{ vars.STAGING_URL }}</c>.</summary>
    public string? StagingEnvironmentUrl { get; set; }

    /// <summary>As <see cref="SecretEnvFiles"/>, for the staging job, e.g. <c>APP_STAGING_ENV_FILE</c> from the secret <c>APP_STAGING_ENV</c>.</summary>
    public string[] StagingSecretEnvFiles { get; set; } = [];

    /// <summary>Days GitHub keeps the uploaded artifacts (1 to 90); 0 keeps the repository's default.</summary>
    public int ArtifactRetentionDays { get; set; }

    /// <summary>Whether the build gets the run's token as <c>GITHUB_TOKEN</c>.</summary>
    public bool EnableGitHubToken { get; set; }

    /// <summary>Scopes the token may read; <c>contents: read</c> is always granted.</summary>
    public GitHubActionsPermission[] ReadPermissions { get; set; } = [];

    /// <summary>Scopes the token may write (e.g. Contents to push tags, Deployments to record deployments).</summary>
    public GitHubActionsPermission[] WritePermissions { get; set; } = [];

    /// <summary>Runs of the same group never overlap; expressions allowed, e.g. <c>ci-${{ github.ref }}</c>.</summary>
    public string? ConcurrencyGroup { get; set; }

    /// <summary>Whether a new run of <see cref="ConcurrencyGroup"/> cancels the one in progress (otherwise it waits).</summary>
    public bool ConcurrencyCancelInProgress { get; set; }

    /// <summary>Minutes after which GitHub cancels the job; 0 keeps GitHub's default (360).</summary>
    public int TimeoutMinutes { get; set; }

    /// <summary>The GitHub environment the job deploys to (its protection rules and secrets apply).</summary>
    public string? EnvironmentName { get; set; }

    /// <summary>The URL shown for <see cref="EnvironmentName"/>; expressions allowed, e.g. <c>${{ vars.PRODUCTION_URL }}</c>.</summary>
    public string? EnvironmentUrl { get; set; }

    /// <summary>
    /// Uploads what the invoked targets (and the targets they run) declare they write with <c>.Produces(...)</c> as the run's
    /// artifact, even after a failure.
    /// </summary>
    public bool PublishArtifacts { get; set; }

    /// <summary>Whether <c>~/.nuget/packages</c> is cached between runs.</summary>
    public bool CacheNuGet { get; set; }

    /// <summary>Runner labels, e.g. <c>ubuntu-latest</c> or <c>self-hosted, linux</c>.</summary>
    public string[] RunsOn { get; set; } = ["ubuntu-latest"];

    /// <summary>
    /// Whether checkout wipes untracked and ignored files. False on a self-hosted deploy runner keeps the state the
    /// pipeline keeps in the checkout (backups/, logs/deploy/audit.jsonl, .deploy/) from one run to the next.
    /// </summary>
    public bool CleanCheckout { get; set; } = true;
}
