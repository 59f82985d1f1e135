namespace Pipeline.GitHub.Actions;

/// <summary>A <see cref="GitHubActionsAttribute"/> that does not fit the build: says which workflow, what is wrong and what to write instead.</summary>
public sealed class WorkflowDefinitionException(string message) : Exception(message);
