namespace Pipeline.GitHub.Actions;

/// <summary>The events that run a workflow (its <c>on</c> section).</summary>
public sealed record WorkflowTriggers
{
    /// <summary>Branches whose pushes run it.</summary>
    public IReadOnlyList<string> PushBranches { get; init; } = [];

    /// <summary>Tag patterns whose pushes run it.</summary>
    public IReadOnlyList<string> PushTags { get; init; } = [];

    /// <summary>Target branches of pull requests that run it.</summary>
    public IReadOnlyList<string> PullRequestBranches { get; init; } = [];

    /// <summary>Whether it can be run by hand (workflow_dispatch).</summary>
    public bool Dispatch { get; init; }

    /// <summary>The inputs of a manual run.</summary>
    public IReadOnlyList<WorkflowInput> Inputs { get; init; } = [];

    /// <summary>A cron schedule, if any.</summary>
    public string? Cron { get; init; }
}

/// <summary>The type of a manual run's input, as the Actions tab shows it.</summary>
public enum WorkflowInputType
{
    /// <summary>A text box.</summary>
    String,

    /// <summary>A check box.</summary>
    Boolean,

    /// <summary>A drop-down of <see cref="WorkflowInput.Options"/>.</summary>
    Choice,
}

/// <summary>An input of a manual run; it reaches the build as the environment variable <see cref="Parameter"/>.</summary>
/// <param name="Name">The input's name, e.g. <c>restore-data</c>.</param>
/// <param name="Parameter">The build parameter it sets, e.g. <c>RestoreData</c>.</param>
/// <param name="Description">What the Actions tab shows.</param>
/// <param name="Type">String, boolean or choice.</param>
/// <param name="Required">Whether a run needs it.</param>
public sealed record WorkflowInput(string Name, string Parameter, string Description, WorkflowInputType Type, bool Required)
{
    /// <summary>The choices of a <see cref="WorkflowInputType.Choice"/> input.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
}
