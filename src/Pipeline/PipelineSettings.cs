using Pipeline.Model;

namespace Pipeline;

/// <summary>What the pipeline is set up with, typed once at the edge from the build's parameters.</summary>
/// <param name="RootDirectory">The checkout root.</param>
/// <param name="Registry">The registry images are pushed to.</param>
/// <param name="RollbackRepository">The git repository that holds the rollback tags.</param>
/// <param name="GitHub">How deployments are recorded on GitHub.</param>
public sealed record PipelineSettings(string RootDirectory, RegistryAddress Registry, string RollbackRepository, GitHubOptions GitHub);

/// <summary>GitHub's deployment records: the token (none: nothing is recorded), the repository and the API.</summary>
/// <param name="Token">The token, or null.</param>
/// <param name="Repository">owner/name, or null for origin's.</param>
/// <param name="ApiUrl">The REST API root.</param>
public sealed record GitHubOptions(string? Token, string? Repository, string ApiUrl);
