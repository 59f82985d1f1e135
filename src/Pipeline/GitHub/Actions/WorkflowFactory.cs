namespace Pipeline.GitHub.Actions;

/// <summary>Turns a <see cref="GitHubActionsAttribute"/> into a <see cref="GitHubWorkflow"/>, after checking it against the build.</summary>
public static class WorkflowFactory
{
    /// <summary>The id of the job that runs <see cref="GitHubActionsAttribute.StagingTargets"/>.</summary>
    public const string StagingJob = "staging";

    /// <summary>
    /// The workflow <paramref name="attribute"/> declares. Throws <see cref="WorkflowDefinitionException"/> naming every
    /// target or parameter it names that <paramref name="build"/> does not have, and any other contradiction.
    /// </summary>
    public static GitHubWorkflow Create(GitHubActionsAttribute attribute, BuildShape build)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(build);
        WorkflowCheck.Check(attribute, build);
        var on = new WorkflowTriggers
        {
            PushBranches = attribute.OnPushBranches,
            PushTags = attribute.OnPushTags,
            PullRequestBranches = attribute.OnPullRequestBranches,
            Dispatch = WorkflowCheck.Dispatched(attribute),
            Inputs = Inputs(attribute, build),
            Cron = attribute.OnCronSchedule,
        };
        var concurrency = attribute.ConcurrencyGroup is { Length: > 0 } group ? new WorkflowConcurrency(group, attribute.ConcurrencyCancelInProgress) : null;
        return new GitHubWorkflow(attribute.Name, on, Permissions(attribute), concurrency, Jobs(attribute, build, on.Inputs));
    }

    /// <summary>The main job, after a staging job that it needs when the attribute names staging targets.</summary>
    static List<WorkflowJob> Jobs(GitHubActionsAttribute a, BuildShape build, IReadOnlyList<WorkflowInput> inputs)
    {
        var published = a.PublishArtifacts && build.ProductsOf(a.InvokedTargets) is { Count: > 0 } products ? ((string, IReadOnlyList<string>)?)(a.Name, products) : null;
        var main = new WorkflowSteps.JobPlan(a.InvokedTargets, a.SecretEnvFiles) { Upload = published };
        if (a.StagingTargets.Length == 0)
            return [Job(a, a.Name, string.Join(", ", a.InvokedTargets), WorkflowSteps.For(a, inputs, main), Environment(a.EnvironmentName, a.EnvironmentUrl))];

        var handoff = build.ProductsOf(a.StagingTargets);
        var name = $"{a.Name}-{StagingJob}";
        var staging = new WorkflowSteps.JobPlan(a.StagingTargets, a.StagingSecretEnvFiles) { Upload = handoff.Count > 0 ? (name, handoff) : null };
        main = main with
        {
            Skip = [.. build.RunsOf(a.InvokedTargets).Intersect(build.RunsOf(a.StagingTargets))],
            Download = handoff.Count > 0 ? (name, ArtifactRoot.Of(handoff)!) : null,
        };
        return
        [
            Job(a, StagingJob, $"Staging: {string.Join(", ", a.StagingTargets)}", WorkflowSteps.For(a, inputs, staging), Environment(a.StagingEnvironmentName, a.StagingEnvironmentUrl)),
            Job(a, a.Name, string.Join(", ", a.InvokedTargets), WorkflowSteps.For(a, inputs, main), Environment(a.EnvironmentName, a.EnvironmentUrl)) with { Needs = [StagingJob] },
        ];
    }

    static WorkflowJob Job(GitHubActionsAttribute a, string id, string displayName, List<WorkflowStep> steps, WorkflowEnvironment? environment) =>
        new(id, displayName, a.RunsOn, steps) { TimeoutMinutes = a.TimeoutMinutes, Environment = environment };

    static WorkflowEnvironment? Environment(string? name, string? url) => name is { Length: > 0 } ? new(name, url) : null;

    /// <summary>Every scope named, at its level; <c>contents: read</c> at least, since checkout needs it.</summary>
    static List<WorkflowPermission> Permissions(GitHubActionsAttribute attribute) =>
        Enum.GetValues<GitHubActionsPermission>()
            .Select(scope => (Scope: scope, Level: attribute.WritePermissions.Contains(scope) ? "write"
                : attribute.ReadPermissions.Contains(scope) || scope == GitHubActionsPermission.Contents ? "read" : null))
            .Where(p => p.Level is not null)
            .Select(p => new WorkflowPermission(CaseStyle.Kebab(p.Scope.ToString()), p.Level!))
            .ToList();

    static List<WorkflowInput> Inputs(GitHubActionsAttribute attribute, BuildShape build) =>
        attribute.OnWorkflowDispatchRequiredInputs.Select(n => (Name: n, Required: true))
            .Concat(attribute.OnWorkflowDispatchOptionalInputs.Select(n => (Name: n, Required: false)))
            .Select(i => Input(build.Parameters.First(p => p.Name == i.Name), i.Required))
            .ToList();

    static WorkflowInput Input(BuildParameter parameter, bool required)
    {
        var type = parameter.IsFlag ? WorkflowInputType.Boolean : parameter.Options.Count > 0 ? WorkflowInputType.Choice : WorkflowInputType.String;
        return new WorkflowInput(CaseStyle.Kebab(parameter.Name), parameter.Name, parameter.Description ?? parameter.Name, type, required && type != WorkflowInputType.Boolean)
        {
            Options = parameter.Options,
        };
    }
}
