namespace Pipeline.GitHub.Actions;

/// <summary>A generated workflow: the jobs that run the build, in order. Immutable; written by <see cref="WorkflowYaml"/>.</summary>
/// <param name="Name">The workflow's name and file name (without <c>.yml</c>).</param>
/// <param name="On">What runs it.</param>
/// <param name="Permissions">The token's scopes, by scope name.</param>
/// <param name="Concurrency">The group whose runs never overlap, if any.</param>
/// <param name="Jobs">The jobs: a staging job first when there is one, then the main job, which needs it.</param>
public sealed record GitHubWorkflow(string Name, WorkflowTriggers On, IReadOnlyList<WorkflowPermission> Permissions, WorkflowConcurrency? Concurrency, IReadOnlyList<WorkflowJob> Jobs)
{
    /// <summary>The file name under <c>.github/workflows/</c>.</summary>
    public string FileName => Name + ".yml";
}

/// <summary>One scope of the token and its level (<c>read</c> or <c>write</c>).</summary>
public sealed record WorkflowPermission(string Scope, string Level);

/// <summary>A concurrency group: runs of the group never overlap.</summary>
public sealed record WorkflowConcurrency(string Group, bool CancelInProgress);

/// <summary>The GitHub environment a job deploys to.</summary>
public sealed record WorkflowEnvironment(string Name, string? Url);

/// <summary>A job: where it runs, for how long at most, and its steps.</summary>
public sealed record WorkflowJob(string Id, string DisplayName, IReadOnlyList<string> RunsOn, IReadOnlyList<WorkflowStep> Steps)
{
    /// <summary>The jobs that must succeed before this one starts (and before its environment asks for approval).</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>Minutes before GitHub cancels the job; 0 for GitHub's default.</summary>
    public int TimeoutMinutes { get; init; }

    /// <summary>The GitHub environment, if the job deploys.</summary>
    public WorkflowEnvironment? Environment { get; init; }
}

/// <summary>A step: an action (<see cref="Uses"/> with <see cref="With"/>) or a script (<see cref="Run"/>).</summary>
public sealed record WorkflowStep(string Name)
{
    /// <summary>A condition, e.g. <c>always()</c>.</summary>
    public string? If { get; init; }

    /// <summary>The action, pinned to a commit.</summary>
    public PinnedAction? Uses { get; init; }

    /// <summary>The action's inputs; values are strings, numbers or booleans.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> With { get; init; } = [];

    /// <summary>The shell of <see cref="Run"/>.</summary>
    public string? Shell { get; init; }

    /// <summary>Environment variables of the step.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>The script.</summary>
    public string? Run { get; init; }
}
