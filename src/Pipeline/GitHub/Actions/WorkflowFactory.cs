namespace Pipeline.GitHub.Actions;

/// <summary>Turns a <see cref="GitHubActionsAttribute"/> into a <see cref="GitHubWorkflow"/>, after checking it against the build.</summary>
public static class WorkflowFactory
{
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
        var job = new WorkflowJob(attribute.Name, string.Join(", ", attribute.InvokedTargets), attribute.RunsOn, WorkflowSteps.For(attribute, on.Inputs, attribute.PublishArtifacts ? build.ProductsOf(attribute.InvokedTargets) : []))
        {
            TimeoutMinutes = attribute.TimeoutMinutes,
            Environment = attribute.EnvironmentName is { Length: > 0 } environment ? new(environment, attribute.EnvironmentUrl) : null,
        };
        var concurrency = attribute.ConcurrencyGroup is { Length: > 0 } group ? new WorkflowConcurrency(group, attribute.ConcurrencyCancelInProgress) : null;
        return new GitHubWorkflow(attribute.Name, on, Permissions(attribute), concurrency, job);
    }

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
