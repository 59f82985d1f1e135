using Pipeline.Tests.Support;
using Pipeline.Tools;

namespace Pipeline.Tests.Versioning;

/// <summary>A real git repository in a temp folder, isolated from the machine's git config; deleted on dispose.</summary>
public sealed class GitRepository : IDisposable
{
    private readonly ExternalTool git;
    private int commits;

    public GitRepository()
    {
        Directory = TestMachine.TempDirectory("git");
        git = new ExternalTool("git").In(Directory)
            .WithEnvironment("GIT_CONFIG_GLOBAL", "/dev/null")
            .WithEnvironment("GIT_CONFIG_NOSYSTEM", "1");
        Run("init", "--quiet", "--initial-branch=main");
        Run("config", "user.name", "Pipeline Tests");
        Run("config", "user.email", "tests@example.invalid");
        Run("config", "commit.gpgsign", "false");
        Run("config", "tag.gpgsign", "false");
    }

    public string Directory { get; }

    /// <summary>Makes <paramref name="count"/> commits (each adds its own file, so branches merge cleanly) and returns the sha of the last.</summary>
    public string Commit(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            var file = $"file-{++commits}.txt";
            File.WriteAllText(Path.Combine(Directory, file), $"{commits}\n");
            Run("add", file);
            Run("commit", "--quiet", "-m", $"commit {commits}");
        }
        return Run("rev-parse", "HEAD").Trim();
    }

    /// <summary>A lightweight tag on HEAD, or an annotated one when <paramref name="annotated"/>.</summary>
    public void Tag(string name, bool annotated = false) =>
        Run(annotated ? ["tag", "-a", name, "-m", $"release {name}"] : ["tag", name]);

    public string Run(params string[] arguments) =>
        git.RunCheckedAsync(arguments).GetAwaiter().GetResult().StandardOutput;

    public void Dispose() => TestMachine.Delete(Directory);
}
