using Pipeline.Delivery;
using Pipeline.Tests.Support;
using Pipeline.Tests.Versioning;
using Pipeline.Tools;
using Serilog;

namespace Pipeline.Tests.Delivery;

/// <summary>A <see cref="GitRepository"/> with an optional bare <c>origin</c>, and git isolated from the machine (own HOME, no global or system config).</summary>
public sealed class TagRepository : IDisposable
{
    public TagRepository(bool withOrigin = true, bool withUser = true)
    {
        Repository = new GitRepository();
        Home = TestMachine.TempDirectory("git-home");
        Git = Isolated(new ExternalTool("git"), Home);
        if (withOrigin)
        {
            Origin = TestMachine.TempDirectory("git-origin");
            Git.In(Origin).RunCheckedAsync(["init", "--quiet", "--bare"]).GetAwaiter().GetResult();
            Repository.Run("remote", "add", "origin", Origin);
        }
        if (!withUser)
        {
            Repository.Run("config", "--unset", "user.name");
            Repository.Run("config", "--unset", "user.email");
        }
    }

    public GitRepository Repository { get; }

    public string Directory => Repository.Directory;

    public string Home { get; }

    public string? Origin { get; }

    /// <summary>git with no global or system configuration and no identity from the environment.</summary>
    public ExternalTool Git { get; }

    /// <summary>Makes commits with a one-off identity (works when the repository has no user configured).</summary>
    public string Commit(int count = 1)
    {
        var sha = "";
        for (var i = 0; i < count; i++)
        {
            var file = $"change-{Guid.NewGuid():N}.txt";
            File.WriteAllText(Path.Combine(Directory, file), file);
            Run("add", file);
            Run("-c", "user.name=Fixture", "-c", "user.email=fixture@example.invalid", "commit", "--quiet", "-m", file);
            sha = Run("rev-parse", "HEAD").Trim();
        }
        return sha;
    }

    public RollbackPoints Points(ILogger log) =>
        new(Directory, log) { GitTool = Git, User = new DeployUser("deployer", "test-host") };

    public string Run(params string[] arguments) => Git.In(Directory).RunCheckedAsync(arguments).GetAwaiter().GetResult().StandardOutput;

    /// <summary>Tags listed by <c>git ls-remote --tags origin</c> (annotated tags also list their peeled <c>^{}</c> line).</summary>
    public string RemoteTags() => Run("ls-remote", "--tags", "origin");

    public void Dispose()
    {
        Repository.Dispose();
        TestMachine.Delete(Home);
        if (Origin is not null)
            TestMachine.Delete(Origin);
    }

    static readonly string[] IdentityVariables = ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"];

    static ExternalTool Isolated(ExternalTool git, string home) =>
        IdentityVariables.Aggregate(git.WithEnvironment("GIT_CONFIG_GLOBAL", "/dev/null").WithEnvironment("GIT_CONFIG_NOSYSTEM", "1").WithEnvironment("HOME", home),
                (tool, name) => tool.WithEnvironment(name, null));
}
