namespace Pipeline.GitHub.Actions;

/// <summary>The steps of a generated job: checkout, .NET from global.json, the NuGet cache, the build, the artifacts.</summary>
internal static class WorkflowSteps
{
    /// <summary>The bootstrapper the job runs.</summary>
    public const string Bootstrapper = "./build.sh";

    public static List<WorkflowStep> For(GitHubActionsAttribute a, IReadOnlyList<WorkflowInput> inputs, IReadOnlyList<string> artifacts)
    {
        var steps = new List<WorkflowStep>
        {
            new("Check out (full history: the version comes from git tags)")
            {
                Uses = "actions/checkout@v4",
                With = [new("fetch-depth", 0), .. a.CleanCheckout ? Array.Empty<KeyValuePair<string, object>>() : [new("clean", false)]],
            },
            new("Set up .NET (global.json)") { Uses = "actions/setup-dotnet@v4", With = [new("global-json-file", "global.json")] },
        };
        if (a.CacheNuGet)
        {
            steps.Add(new("Cache NuGet packages")
            {
                Uses = "actions/cache@v4",
                With =
                [
                    new("path", "~/.nuget/packages"),
                    new("key", "${{ runner.os }}-nuget-${{ hashFiles('**/*.csproj', 'Directory.Packages.props', 'global.json') }}"),
                    new("restore-keys", "${{ runner.os }}-nuget-"),
                ],
            });
        }
        steps.Add(Build(a, inputs));
        if (artifacts.Count > 0)
        {
            steps.Add(new("Upload artifacts")
            {
                If = "always()",
                Uses = "actions/upload-artifact@v4",
                With = [new("name", a.Name), new("path", string.Join('\n', artifacts) + (artifacts.Count > 1 ? "\n" : ""))],
            });
        }
        return steps;
    }

    /// <summary>
    /// The build step. Inputs and secrets reach the build as environment variables named after its parameters (never
    /// spliced into the script, so no input can inject shell). GitHub passes a secret or input that is not set as an
    /// empty string; the script unsets those so the build's defaults apply.
    /// </summary>
    static WorkflowStep Build(GitHubActionsAttribute a, IReadOnlyList<WorkflowInput> inputs)
    {
        var optional = inputs.Select(i => KeyValuePair.Create(i.Parameter, $"${{{{ inputs.{i.Name} }}}}"))
            .Concat(a.ImportSecrets.Select(s => KeyValuePair.Create(s, $"${{{{ secrets.{CaseStyle.ScreamingSnake(s)} }}}}")))
            .Concat(a.EnvironmentSecrets.Select(s => KeyValuePair.Create(s, $"${{{{ secrets.{s} }}}}")))
            .ToList();
        var env = optional.Concat(a.EnableGitHubToken ? [KeyValuePair.Create("GITHUB_TOKEN", "${{ secrets.GITHUB_TOKEN }}")] : []).ToList();
        var command = $"{Bootstrapper} {string.Join(' ', a.InvokedTargets)}";
        var run = optional.Count == 0 ? command
            : "# GitHub passes a secret or input that is not set as an empty string: unset it so the build's default applies.\n"
              + $"for name in {string.Join(' ', optional.Select(e => e.Key))}; do [ -n \"${{!name}}\" ] || unset \"$name\"; done\n"
              + command + "\n";
        return new WorkflowStep($"Run: {string.Join(", ", a.InvokedTargets)}") { Shell = "bash", Env = env, Run = run };
    }
}
