using System.Text.RegularExpressions;
using Pipeline.Tools;

namespace Pipeline.GitHub.Actions;

/// <summary>Checks a <see cref="GitHubActionsAttribute"/> against the build before anything is generated.</summary>
internal static partial class WorkflowCheck
{
    public static void Check(GitHubActionsAttribute a, BuildShape build)
    {
        var problems = Problems(a, build).ToList();
        if (problems.Count > 0)
            throw new WorkflowDefinitionException($"[GitHubActions(\"{a.Name}\")] in {build.Source}: {string.Join(" ", problems)}");
    }

    static IEnumerable<string> Problems(GitHubActionsAttribute a, BuildShape build)
    {
        if (!NamePattern().IsMatch(a.Name ?? ""))
            yield return $"the name '{a.Name}' must be lower case letters, digits and dashes, starting with a letter (it names the file and the job).";
        if (a.OnPushBranches.Length + a.OnPushTags.Length + a.OnPullRequestBranches.Length == 0 && !Dispatched(a) && a.OnCronSchedule is null)
            yield return "nothing runs it: set OnPushBranches, OnPushTags, OnPullRequestBranches, OnWorkflowDispatch or OnCronSchedule.";
        if (a.InvokedTargets.Length == 0)
            yield return "InvokedTargets is empty: name the targets the job runs.";
        foreach (var target in a.InvokedTargets.Where(t => !build.Targets.Contains(t)))
            yield return $"InvokedTargets names '{target}', which is not a target of the build.{Hint(target, build.Targets)}";
        foreach (var problem in ParameterProblems(a, build))
            yield return problem;
        if (a.OnCronSchedule is { } cron && cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
            yield return $"OnCronSchedule '{cron}' must have five fields (minute hour day month weekday), e.g. '0 3 * * 1'.";
        foreach (var both in a.ReadPermissions.Intersect(a.WritePermissions))
            yield return $"{both} is in both ReadPermissions and WritePermissions; keep it in one.";
        if (a.ConcurrencyCancelInProgress && string.IsNullOrWhiteSpace(a.ConcurrencyGroup))
            yield return "ConcurrencyCancelInProgress needs a ConcurrencyGroup.";
        if (a.EnvironmentUrl is not null && string.IsNullOrWhiteSpace(a.EnvironmentName))
            yield return "EnvironmentUrl needs an EnvironmentName.";
        if (a.TimeoutMinutes < 0)
            yield return $"TimeoutMinutes is {a.TimeoutMinutes}; use a positive number, or 0 for GitHub's default.";
        if (a.RunsOn.Length == 0 || a.RunsOn.Any(string.IsNullOrWhiteSpace))
            yield return "RunsOn needs at least one runner label, e.g. 'ubuntu-latest' or 'self-hosted'.";
        var published = a.PublishArtifacts ? build.ProductsOf(a.InvokedTargets) : [];
        if (a.PublishArtifacts && published.Count == 0)
            yield return "PublishArtifacts is set, but none of the invoked targets declares an output: add .Produces(\"artifacts/...\") to the target that writes it.";
        foreach (var path in published.Concat(build.ProductsOf(a.StagingTargets)).Distinct().Where(p => Path.IsPathRooted(p) || p.Split('/', '\\').Contains("..") || string.IsNullOrWhiteSpace(p)))
            yield return $"A target produces '{path}'; declare a path inside the repository, relative to its root, e.g. 'artifacts/test-results'.";
        foreach (var name in a.EnvironmentSecrets.Where(n => !IsSecretName(n)))
            yield return $"EnvironmentSecrets names '{name}'; a secret's name is letters, digits and underscores, not starting with a digit or GITHUB_.";
        if (a.ArtifactRetentionDays is < 0 or > 90)
            yield return $"ArtifactRetentionDays is {a.ArtifactRetentionDays}; GitHub keeps artifacts 1 to 90 days (0 keeps the repository's default).";
        if (a.ArtifactRetentionDays > 0 && !a.PublishArtifacts && build.ProductsOf(a.StagingTargets).Count == 0)
            yield return "ArtifactRetentionDays is set, but the workflow uploads no artifact: set PublishArtifacts.";
        foreach (var problem in StagingProblems(a, build).Concat(EnvFileProblems(a)))
            yield return problem;
    }

    static IEnumerable<string> StagingProblems(GitHubActionsAttribute a, BuildShape build)
    {
        foreach (var target in a.StagingTargets.Where(t => !build.Targets.Contains(t)))
            yield return $"StagingTargets names '{target}', which is not a target of the build.{Hint(target, build.Targets)}";
        if (a.StagingTargets.Length == 0)
        {
            if (a.StagingEnvironmentUrl is not null || a.StagingSecretEnvFiles.Length > 0)
                yield return "StagingEnvironmentUrl and StagingSecretEnvFiles need StagingTargets: name the targets the staging job runs.";
            yield break;
        }
        if (a.Name == WorkflowFactory.StagingJob)
            yield return $"a workflow with StagingTargets cannot be named '{WorkflowFactory.StagingJob}': that is the id of its staging job.";
        if (string.IsNullOrWhiteSpace(a.StagingEnvironmentName))
            yield return "StagingEnvironmentName is empty: name the staging job's GitHub environment, e.g. 'staging'.";
        if (a.StagingEnvironmentName == a.EnvironmentName)
            yield return $"StagingEnvironmentName and EnvironmentName are both '{a.EnvironmentName}': staging is its own environment, so that production's approval waits for it.";
        foreach (var both in a.StagingTargets.Intersect(a.InvokedTargets))
            yield return $"'{both}' is in both StagingTargets and InvokedTargets; the main job skips what staging ran, so name it once.";
        var handoff = build.ProductsOf(a.StagingTargets);
        if (handoff.Count > 0 && ArtifactRoot.Of(handoff) is null)
            yield return $"the staging targets hand over one path, '{handoff[0]}': upload-artifact roots a file at its folder but a folder at itself, so the main job cannot know where to put it back. Declare it with a wildcard, e.g. 'artifacts/*.json'.";
    }

    static IEnumerable<string> EnvFileProblems(GitHubActionsAttribute a)
    {
        var variables = a.SecretEnvFiles.Select(v => (Property: nameof(a.SecretEnvFiles), Variable: v))
            .Concat(a.StagingSecretEnvFiles.Select(v => (Property: nameof(a.StagingSecretEnvFiles), Variable: v)));
        foreach (var (property, variable) in variables.Where(v => !IsSecretName(v.Variable) || !v.Variable.EndsWith("_FILE", StringComparison.Ordinal) || v.Variable.Length == "_FILE".Length))
            yield return $"{property} names '{variable}'; name the variable Compose reads, ending in _FILE (e.g. APP_PRODUCTION_ENV_FILE): its file is filled from the secret named without _FILE.";
        var passed = a.OnWorkflowDispatchOptionalInputs.Concat(a.OnWorkflowDispatchRequiredInputs).Concat(a.ImportSecrets).Concat(a.EnvironmentSecrets).ToHashSet();
        foreach (var clash in a.SecretEnvFiles.Concat(a.StagingSecretEnvFiles).Where(passed.Contains).Distinct())
            yield return $"'{clash}' is both passed to the build and set by SecretEnvFiles; keep one.";
        foreach (var twice in new[] { a.SecretEnvFiles, a.StagingSecretEnvFiles }.SelectMany(list => list.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key)))
            yield return $"'{twice}' is named twice in one list of secret env files; keep one.";
    }

    static bool IsSecretName(string name) => EnvironmentNamePattern().IsMatch(name) && !name.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase);

    static IEnumerable<string> ParameterProblems(GitHubActionsAttribute a, BuildShape build)
    {
        var names = build.Parameters.Select(p => p.Name).ToList();
        foreach (var name in a.ImportSecrets)
        {
            var parameter = build.Parameters.FirstOrDefault(p => p.Name == name);
            if (parameter is null)
                yield return $"ImportSecrets names '{name}', which is not a parameter of the build.{Hint(name, names)}";
            else if (!parameter.IsSecret)
                yield return $"ImportSecrets names '{name}', which is not marked [Secret]: its value would show in logs. Mark it [Secret].";
        }
        foreach (var name in a.OnWorkflowDispatchOptionalInputs.Concat(a.OnWorkflowDispatchRequiredInputs))
        {
            var parameter = build.Parameters.FirstOrDefault(p => p.Name == name);
            if (parameter is null)
                yield return $"the input '{name}' is not a parameter of the build.{Hint(name, names)}";
            else if (parameter.IsSecret)
                yield return $"the input '{name}' is a [Secret] parameter: inputs are visible to anyone who can see the run. Use ImportSecrets.";
        }
        var passed = a.OnWorkflowDispatchOptionalInputs.Concat(a.OnWorkflowDispatchRequiredInputs).Concat(a.ImportSecrets).Concat(a.EnvironmentSecrets)
            .Concat(a.EnableGitHubToken ? ["GITHUB_TOKEN"] : []);
        foreach (var twice in passed.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key))
            yield return $"'{twice}' is passed to the build more than once (as an input, an imported secret or an environment secret); keep one.";
    }

    /// <summary>True when the workflow can be run by hand: asked for, or implied by inputs.</summary>
    public static bool Dispatched(GitHubActionsAttribute a) =>
        a.OnWorkflowDispatch || a.OnWorkflowDispatchOptionalInputs.Length + a.OnWorkflowDispatchRequiredInputs.Length > 0;

    static string Hint(string name, IEnumerable<string> candidates)
    {
        var best = candidates.MinBy(c => EditDistance.Between(c.ToLowerInvariant(), name.ToLowerInvariant()));
        return best is not null && EditDistance.Between(best.ToLowerInvariant(), name.ToLowerInvariant()) <= Math.Max(2, name.Length / 3) ? $" Did you mean '{best}'?" : "";
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentNamePattern();
}
