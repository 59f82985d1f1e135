namespace Pipeline.GitHub.Deployments;

/// <summary>How a recorded deployment ended.</summary>
public enum DeploymentOutcome
{
    /// <summary>It serves: GitHub status <c>success</c>.</summary>
    Success,

    /// <summary>It failed (and may have been rolled back): GitHub status <c>failure</c>.</summary>
    Failure,

    /// <summary>It was interrupted (Ctrl-C, SIGTERM) or broke unexpectedly: GitHub status <c>error</c>.</summary>
    Error,
}
