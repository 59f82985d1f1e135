using Pipeline.Versioning;

namespace Pipeline.Tests.Versioning;

public sealed class BuildVersionTests
{
    private static async Task<BuildVersion> VersionOf(GitRepository repository) =>
        await BuildVersion.FromGitAsync(repository.Directory, CancellationToken.None);

    [Fact]
    public async Task Without_a_tag_the_version_is_0_0_0_alpha_0_plus_the_height_above_the_root_commit()
    {
        using var repository = new GitRepository();
        var root = repository.Commit();
        var atRoot = await VersionOf(repository);
        var head = repository.Commit(3);

        var above = await VersionOf(repository);

        Assert.Equal(new BuildVersion("0.0.0-alpha.0", root, root[..7]), atRoot);
        Assert.Equal("0.0.0-alpha.0.3", above.Version);
        Assert.Equal(head, above.Commit);
        Assert.Matches("^[0-9a-f]{40}$", above.Commit);
        Assert.Equal(head[..7], above.ShortCommit);
    }

    [Theory]
    [InlineData("1.2.3", false, 0, "1.2.3")]
    [InlineData("v1.2.3", false, 0, "1.2.3")]
    [InlineData("v1.2.3", true, 0, "1.2.3")]
    [InlineData("1.2.3", true, 2, "1.2.4-alpha.0.2")]
    [InlineData("v1.2.3", false, 2, "1.2.4-alpha.0.2")]
    [InlineData("2.0.0-rc.1", false, 0, "2.0.0-rc.1")]
    [InlineData("v2.0.0-rc.1", true, 1, "2.0.0-rc.1.1")]
    [InlineData("1.0.0-beta", false, 3, "1.0.0-beta.3")]
    [InlineData("1.2.3+build.7", false, 0, "1.2.3+build.7")]
    [InlineData("1.2.3+build.7", false, 1, "1.2.4-alpha.0.1")]
    public async Task A_semver_tag_gives_its_version_at_height_0_and_minver_s_next_version_above_it(string tag, bool annotated, int height, string expected)
    {
        using var repository = new GitRepository();
        repository.Commit(2);
        repository.Tag(tag, annotated);
        repository.Commit(height);

        Assert.Equal(expected, (await VersionOf(repository)).Version);
    }

    [Fact]
    public async Task Tags_that_are_not_semver_are_ignored()
    {
        using var repository = new GitRepository();
        repository.Commit();
        repository.Tag("1.0.0");
        repository.Commit();
        foreach (var tag in new[] { "latest", "release-2", "v2", "2.0", "2.0.0.1", "V2.0.0", "02.0.0", "rollback-20250101-120000", "x1.2.3" })
            repository.Tag(tag);

        Assert.Equal("1.0.1-alpha.0.1", (await VersionOf(repository)).Version);
    }

    [Fact]
    public async Task The_highest_version_wins_on_one_commit_and_across_merged_branches()
    {
        using var repository = new GitRepository();
        repository.Commit();
        repository.Tag("1.0.0");
        repository.Tag("v1.1.0-rc.1");
        Assert.Equal("1.1.0-rc.1", (await VersionOf(repository)).Version);
        repository.Tag("1.1.0");
        Assert.Equal("1.1.0", (await VersionOf(repository)).Version);

        repository.Run("checkout", "--quiet", "-b", "feature");
        repository.Commit();
        repository.Tag("2.0.0-beta.1");
        repository.Run("checkout", "--quiet", "main");
        repository.Commit(3);
        repository.Run("merge", "--quiet", "--no-ff", "-m", "merge feature", "feature");

        Assert.Equal("2.0.0-beta.1.1", (await VersionOf(repository)).Version);
    }

    [Fact]
    public async Task An_empty_repository_and_a_folder_outside_git_fail_with_what_to_do()
    {
        using var repository = new GitRepository();
        var outside = Pipeline.Tests.Support.TestMachine.TempDirectory("not-git");
        try
        {
            var empty = await Assert.ThrowsAsync<VersioningException>(() => VersionOf(repository));
            var notGit = await Assert.ThrowsAsync<VersioningException>(() => BuildVersion.FromGitAsync(outside, CancellationToken.None));

            Assert.Contains("has no commits yet", empty.Message);
            Assert.Contains("git commit", empty.Message);
            Assert.Contains($"{outside} is not in a git repository", notGit.Message);
        }
        finally
        {
            Pipeline.Tests.Support.TestMachine.Delete(outside);
        }
    }

    [Fact]
    public async Task The_checkout_itself_has_a_version()
    {
        var version = await BuildVersion.FromGitAsync(Pipeline.Tests.Support.TestMachine.RepositoryRoot, CancellationToken.None);

        Assert.Matches(@"^\d+\.\d+\.\d+", version.Version);
        Assert.Equal(version.Commit[..7], version.ShortCommit);
    }
}
