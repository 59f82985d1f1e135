using Octokit;

namespace Pipeline.GitHub.Deployments;

/// <summary>A deployment created on GitHub and still <c>in_progress</c>; <see cref="CompleteAsync"/> gives it its final status.</summary>
public sealed class DeploymentRecord
{
    readonly DeploymentRecorder? recorder;
    readonly DeploymentRequest? request;

    internal DeploymentRecord(DeploymentRecorder recorder, DeploymentRequest request, long id)
    {
        this.recorder = recorder;
        this.request = request;
        Id = id;
    }

    DeploymentRecord()
    {
    }

    /// <summary>A record that was not made (no token, no repository, or GitHub failed): completing it does nothing.</summary>
    public static DeploymentRecord None { get; } = new();

    /// <summary>The deployment's id on GitHub; 0 when none was made.</summary>
    public long Id { get; }

    /// <summary>Posts the final status; never throws, and gives up after the recorder's timeout.</summary>
    public Task CompleteAsync(DeploymentOutcome outcome, string description) =>
        recorder is null || request is null ? Task.CompletedTask : recorder.PostStatusAsync(Id, request, State(outcome), description);

    static DeploymentState State(DeploymentOutcome outcome) => outcome switch
    {
        DeploymentOutcome.Success => DeploymentState.Success,
        DeploymentOutcome.Failure => DeploymentState.Failure,
        _ => DeploymentState.Error,
    };
}
