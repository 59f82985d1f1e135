namespace Pipeline.GitHub.Actions;

/// <summary>
/// The steps of a generated job: checkout, .NET from global.json, the NuGet cache, what an earlier job handed over,
/// the app's secret env files, the build, the artifacts.
/// </summary>
internal static class WorkflowSteps
{
    /// <summary>The bootstrapper the job runs.</summary>
    public const string Bootstrapper = "./build.sh";

    /// <summary>What one job does: the targets it runs and skips, the files it receives and publishes.</summary>
    public sealed record JobPlan(IReadOnlyList<string> Targets, IReadOnlyList<string> EnvFiles)
    {
        /// <summary>Targets an earlier job ran, passed to <c>--skip</c>.</summary>
        public IReadOnlyList<string> Skip { get; init; } = [];

        /// <summary>The artifact an earlier job uploaded, and the folder to put it back in.</summary>
        public (string Name, string Root)? Download { get; init; }

        /// <summary>The artifact this job uploads (even after a failure), and its paths.</summary>
        public (string Name, IReadOnlyList<string> Paths)? Upload { get; init; }
    }

    public static List<WorkflowStep> For(GitHubActionsAttribute a, IReadOnlyList<WorkflowInput> inputs, JobPlan job)
    {
        var steps = new List<WorkflowStep>
        {
            new("Check out (full history: the version comes from git tags)")
            {
                Uses = ActionPins.Checkout,
                With = [new("fetch-depth", 0), .. a.CleanCheckout ? Array.Empty<KeyValuePair<string, object>>() : [new("clean", false)]],
            },
            new("Set up .NET (global.json)") { Uses = ActionPins.SetupDotnet, With = [new("global-json-file", "global.json")] },
        };
        if (a.CacheNuGet)
        {
            steps.Add(new("Cache NuGet packages")
            {
                Uses = ActionPins.Cache,
                With =
                [
                    new("path", "~/.nuget/packages"),
                    new("key", "${{ runner.os }}-nuget-${{ hashFiles('**/*.csproj', 'Directory.Packages.props', 'global.json') }}"),
                    new("restore-keys", "${{ runner.os }}-nuget-"),
                ],
            });
        }
        if (job.Download is { } download)
            steps.Add(new($"Download the artifact {download.Name}") { Uses = ActionPins.DownloadArtifact, With = [new("name", download.Name), new("path", download.Root)] });
        steps.AddRange(job.EnvFiles.Select(EnvFile));
        steps.Add(Build(a, inputs, job));
        if (job.Upload is { } upload)
        {
            steps.Add(new("Upload artifacts")
            {
                If = "always()",
                Uses = ActionPins.UploadArtifact,
                With =
                [
                    new("name", upload.Name),
                    new("path", string.Join('\n', upload.Paths) + (upload.Paths.Count > 1 ? "\n" : "")),
                    .. a.ArtifactRetentionDays > 0 ? [new KeyValuePair<string, object>("retention-days", a.ArtifactRetentionDays)] : Array.Empty<KeyValuePair<string, object>>(),
                ],
            });
        }
        return steps;
    }

    /// <summary>The repository secret an env-file variable is filled from: the variable's name without <c>_FILE</c>.</summary>
    public static string SecretOf(string envFileVariable) => envFileVariable[..^"_FILE".Length];

    /// <summary>
    /// Writes the secret to a file under <c>$RUNNER_TEMP</c> that only the runner's user can read (umask 077) and hands
    /// its path, never its content, to the next steps through <c>$GITHUB_ENV</c>.
    /// </summary>
    static WorkflowStep EnvFile(string variable)
    {
        var secret = SecretOf(variable);
        var file = $"$RUNNER_TEMP/{secret.ToLowerInvariant()}.env";
        return new WorkflowStep($"Write the secret {secret} to a private file for {variable}")
        {
            Shell = "bash",
            Env = [KeyValuePair.Create(secret, $"${{{{ secrets.{secret} }}}}")],
            Run = $"if [ -z \"${secret}\" ]; then\n"
                  + $"  echo \"The secret {secret} is not set: {variable} stays unset and Compose's default env file applies.\"\n"
                  + "  exit 0\n"
                  + "fi\n"
                  + "umask 077\n"
                  + $"printf '%s\\n' \"${secret}\" > \"{file}\"\n"
                  + $"echo \"{variable}={file}\" >> \"$GITHUB_ENV\"\n",
        };
    }

    /// <summary>
    /// The build step. Inputs and secrets reach the build as environment variables named after its parameters (never
    /// spliced into the script, so no input can inject shell). GitHub passes a secret or input that is not set as an
    /// empty string; the script unsets those so the build's defaults apply.
    /// </summary>
    static WorkflowStep Build(GitHubActionsAttribute a, IReadOnlyList<WorkflowInput> inputs, JobPlan job)
    {
        var optional = inputs.Select(i => KeyValuePair.Create(i.Parameter, $"${{{{ inputs.{i.Name} }}}}"))
            .Concat(a.ImportSecrets.Select(s => KeyValuePair.Create(s, $"${{{{ secrets.{CaseStyle.ScreamingSnake(s)} }}}}")))
            .Concat(a.EnvironmentSecrets.Select(s => KeyValuePair.Create(s, $"${{{{ secrets.{s} }}}}")))
            .ToList();
        var env = optional.Concat(a.EnableGitHubToken ? [KeyValuePair.Create("GITHUB_TOKEN", "${{ secrets.GITHUB_TOKEN }}")] : []).ToList();
        var command = $"{Bootstrapper} {string.Join(' ', job.Targets)}" + (job.Skip.Count > 0 ? $" --skip {string.Join(' ', job.Skip)}" : "");
        var run = optional.Count == 0 ? command
            : "# GitHub passes a secret or input that is not set as an empty string: unset it so the build's default applies.\n"
              + $"for name in {string.Join(' ', optional.Select(e => e.Key))}; do [ -n \"${{!name}}\" ] || unset \"$name\"; done\n"
              + command + "\n";
        return new WorkflowStep($"Run: {string.Join(", ", job.Targets)}") { Shell = "bash", Env = env, Run = run };
    }
}
