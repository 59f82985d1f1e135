namespace Pipeline.GitHub.Actions;

/// <summary>A scope of the workflow's <c>GITHUB_TOKEN</c> (the keys of a workflow's <c>permissions</c>).</summary>
public enum GitHubActionsPermission
{
    /// <summary><c>actions</c>: workflow runs and artifacts.</summary>
    Actions,

    /// <summary><c>checks</c>: check runs.</summary>
    Checks,

    /// <summary><c>contents</c>: the repository's files, commits and tags.</summary>
    Contents,

    /// <summary><c>deployments</c>: deployments and their statuses.</summary>
    Deployments,

    /// <summary><c>id-token</c>: OIDC tokens.</summary>
    IdToken,

    /// <summary><c>issues</c>.</summary>
    Issues,

    /// <summary><c>packages</c>: GitHub Packages.</summary>
    Packages,

    /// <summary><c>pull-requests</c>.</summary>
    PullRequests,

    /// <summary><c>statuses</c>: commit statuses.</summary>
    Statuses,
}
