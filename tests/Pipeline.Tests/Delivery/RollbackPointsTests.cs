using System.Text.Json;
using Pipeline.Delivery;
using Pipeline.Tests.Support;
using Serilog.Events;

namespace Pipeline.Tests.Delivery;

public sealed class RollbackPointsTests
{
    static readonly DateTimeOffset At = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);
    static readonly string Digest = "localhost:5000/app@sha256:" + new string('b', 64);

    static RollbackManifest Manifest(string commit, string version = "1.2.3") => new(
        "production", version, commit, new Dictionary<string, string> { ["app"] = Digest }, "20261123-143000", "alice@build-01", "before promoting 1.2.4", At);

    [Fact]
    public async Task Create_tags_a_past_commit_with_an_annotated_tag_whose_message_is_the_manifest()
    {
        using var repository = new TagRepository();
        var past = repository.Commit();
        repository.Commit(2);
        var (log, _) = InMemorySink.CreateLogger();

        var point = await repository.Points(log).CreateAsync(Manifest(past[..10]), At);

        Assert.Equal("rollback-20261123-143000", point.Tag);
        Assert.Equal(At, point.Time);
        Assert.Equal("tag", repository.Run("cat-file", "-t", point.Tag).Trim());
        Assert.Equal(past, repository.Run("rev-list", "-n", "1", point.Tag).Trim());
        using var message = JsonDocument.Parse(repository.Run("tag", "--list", "--format=%(contents)", point.Tag));
        var json = message.RootElement;
        Assert.Equal("production", json.GetProperty("environment").GetString());
        Assert.Equal("1.2.3", json.GetProperty("version").GetString());
        Assert.Equal(past, json.GetProperty("commit").GetString());
        Assert.Equal(Digest, json.GetProperty("images").GetProperty("app").GetString());
        Assert.Equal("20261123-143000", json.GetProperty("backupId").GetString());
        Assert.Equal("alice@build-01", json.GetProperty("createdBy").GetString());
        Assert.Equal("before promoting 1.2.4", json.GetProperty("reason").GetString());
        Assert.Equal(At, json.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(past, point.Manifest!.Commit);
    }

    [Fact]
    public async Task Push_sends_the_tag_to_the_bare_origin()
    {
        using var repository = new TagRepository();
        var commit = repository.Commit();
        var (log, _) = InMemorySink.CreateLogger();
        var points = repository.Points(log);
        var point = await points.CreateAsync(Manifest(commit), At);

        var pushed = await points.PushAsync(point);

        Assert.Equal(TagPushStatus.Pushed, pushed.Status);
        Assert.Contains($"refs/tags/{point.Tag}^{{}}", repository.RemoteTags());
    }

    [Fact]
    public async Task Without_origin_push_does_nothing_and_says_so()
    {
        using var repository = new TagRepository(withOrigin: false);
        var (log, sink) = InMemorySink.CreateLogger();
        var points = repository.Points(log);
        var point = await points.CreateAsync(Manifest(repository.Commit()), At);

        var pushed = await points.PushAsync(point);

        Assert.Equal(TagPushStatus.NoOrigin, pushed.Status);
        Assert.Contains("no 'origin' remote", pushed.Message);
        Assert.Contains(sink.Messages, m => m.Contains("stays in"));
    }

    [Fact]
    public async Task A_failed_push_is_a_warning_result_not_an_exception()
    {
        using var repository = new TagRepository(withOrigin: false);
        repository.Run("remote", "add", "origin", Path.Combine(repository.Home, "no-such-repository"));
        var (log, sink) = InMemorySink.CreateLogger();
        var points = repository.Points(log);
        var point = await points.CreateAsync(Manifest(repository.Commit()), At);

        var pushed = await points.PushAsync(point);

        Assert.Equal(TagPushStatus.Failed, pushed.Status);
        Assert.Contains($"git push origin refs/tags/{point.Tag}", pushed.Message);
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains(point.Tag));
    }

    [Fact]
    public async Task Points_made_in_the_same_second_get_distinct_names_and_list_newest_first()
    {
        using var repository = new TagRepository();
        var commit = repository.Commit();
        var (log, _) = InMemorySink.CreateLogger();
        var points = repository.Points(log);

        var tags = new List<string>();
        foreach (var version in new[] { "1.0.0", "1.0.1", "1.0.2" })
            tags.Add((await points.CreateAsync(Manifest(commit, version), At.AddMilliseconds(300)).ConfigureAwait(true)).Tag);
        await points.CreateAsync(Manifest(commit, "0.9.0"), At.AddDays(-1));
        await points.CreateAsync(Manifest(commit, "1.1.0"), At.AddHours(1));

        Assert.Equal(["rollback-20261123-143000", "rollback-20261123-143000-2", "rollback-20261123-143000-3"], tags);
        var listed = await points.ListAsync();
        Assert.Equal(["rollback-20261123-153000", "rollback-20261123-143000-3", "rollback-20261123-143000-2", "rollback-20261123-143000", "rollback-20261122-143000"],
            listed.Select(p => p.Tag));
        Assert.Equal(["1.1.0", "1.0.2", "1.0.1", "1.0.0", "0.9.0"], listed.Select(p => p.Manifest!.Version));
        Assert.All(listed, p => Assert.True(p.IsValid));
    }

    [Fact]
    public async Task Tags_without_a_valid_manifest_are_listed_with_their_problem()
    {
        using var repository = new TagRepository();
        var commit = repository.Commit();
        var (log, _) = InMemorySink.CreateLogger();
        var points = repository.Points(log);
        await points.CreateAsync(Manifest(commit), At);
        repository.Run("-c", "user.name=x", "-c", "user.email=x@y", "tag", "-a", "rollback-20261120-100000", "-m", "made by hand");
        repository.Run("-c", "user.name=x", "-c", "user.email=x@y", "tag", "-a", "rollback-20261121-100000", "-m", "{\"environment\":\"production\",\"version\":\"1.0.0\"}");
        repository.Run("tag", "rollback-20261122-100000");

        var listed = (await points.ListAsync()).ToDictionary(p => p.Tag);

        Assert.Equal(4, listed.Count);
        Assert.Null(listed["rollback-20261123-143000"].Problem);
        Assert.Contains("no JSON manifest", listed["rollback-20261120-100000"].Problem);
        Assert.Contains("commit", listed["rollback-20261121-100000"].Problem);
        Assert.Contains("lightweight tag", listed["rollback-20261122-100000"].Problem);
        Assert.All(listed.Values.Where(p => p.Problem is not null), p => Assert.Null(p.Manifest));
        var error = await Assert.ThrowsAsync<RollbackPointException>(() => points.FindAsync("rollback-20261120-100000"));
        Assert.Contains("cannot be used", error.Message);
    }

    [Fact]
    public async Task Find_returns_a_point_and_names_the_nearest_tags_for_an_unknown_one()
    {
        using var repository = new TagRepository();
        var commit = repository.Commit();
        var (log, _) = InMemorySink.CreateLogger();
        var points = repository.Points(log);
        await points.CreateAsync(Manifest(commit, "1.2.3"), At);
        await points.CreateAsync(Manifest(commit, "1.2.2"), new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal("1.2.3", (await points.FindAsync("rollback-20261123-143000")).Manifest!.Version);
        var error = await Assert.ThrowsAsync<UnknownRollbackPointException>(() => points.FindAsync("rollback-20261123-143001"));

        Assert.Equal("No rollback point rollback-20261123-143001. Nearest: rollback-20261123-143000, rollback-20261122-090000. See ./build.sh Rollback --list", error.Message);
        Assert.Equal(["rollback-20261123-143000", "rollback-20261122-090000"], error.Nearest);
    }

    [Fact]
    public async Task Find_in_a_repository_without_points_says_how_to_fetch_them()
    {
        using var repository = new TagRepository();
        repository.Commit();
        var (log, _) = InMemorySink.CreateLogger();

        var error = await Assert.ThrowsAsync<UnknownRollbackPointException>(() => repository.Points(log).FindAsync("rollback-20261123-143000"));

        Assert.Contains("git fetch origin", error.Message);
        Assert.Empty(error.Nearest);
    }

    [Fact]
    public async Task A_commit_that_is_not_in_the_repository_is_a_clear_error_and_makes_no_tag()
    {
        using var repository = new TagRepository();
        repository.Commit();
        var (log, _) = InMemorySink.CreateLogger();
        var missing = "0123456789abcdef0123456789abcdef01234567";

        var error = await Assert.ThrowsAsync<RollbackPointException>(() => repository.Points(log).CreateAsync(Manifest(missing), At));

        Assert.Equal($"commit {missing} running in production is not in this repository: fetch it (git fetch origin) and retry.", error.Message);
        Assert.Empty(repository.Run("tag", "--list").Trim());
    }

    [Fact]
    public async Task An_image_that_is_not_a_digest_reference_is_refused()
    {
        using var repository = new TagRepository();
        var (log, _) = InMemorySink.CreateLogger();
        var manifest = Manifest(repository.Commit()) with { Images = new Dictionary<string, string> { ["app"] = "localhost:5000/app:latest" } };

        var error = await Assert.ThrowsAsync<RollbackPointException>(() => repository.Points(log).CreateAsync(manifest, At));

        Assert.Contains("not a repository@sha256", error.Message);
    }

    [Fact]
    public async Task Tags_are_made_when_git_has_no_user_configured()
    {
        using var repository = new TagRepository(withUser: false);
        var commit = repository.Commit();
        Assert.DoesNotContain(repository.Run("config", "--list").Split('\n'), l => l.StartsWith("user."));
        var (log, _) = InMemorySink.CreateLogger();

        var point = await repository.Points(log).CreateAsync(Manifest(commit), At);

        Assert.Equal("deployer <deployer@test-host>", repository.Run("tag", "--list", "--format=%(taggername) %(taggeremail)", point.Tag).Trim());
    }

    [Fact]
    public void Write_prints_tag_time_version_short_commit_short_digest_and_whether_the_backup_is_there()
    {
        var commit = "0123456789abcdef0123456789abcdef01234567";
        var writer = new StringWriter();
        RollbackPoints.Write(writer,
        [
            new RollbackPoint("rollback-20261123-143000", At, Manifest(commit), null),
            new RollbackPoint("rollback-20261122-090000", At.AddDays(-1), Manifest(commit) with { BackupId = "20261122-090000" }, null),
            new RollbackPoint("rollback-20261121-090000", At.AddDays(-2), null, "the tag message holds no JSON manifest"),
        ], id => id == "20261123-143000");

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^Tag\s+Time \(UTC\)\s+Environment\s+Version\s+Commit\s+Digest\s+Backup", lines[0]);
        Assert.Matches(@"^rollback-20261123-143000\s+2026-11-23 14:30:00Z\s+production\s+1\.2\.3\s+0123456\s+sha256:bbbbbbbbbbbb\s+yes \(20261123-143000\)$", lines[2]);
        Assert.Contains("MISSING (20261122-090000)", lines[3]);
        Assert.Matches(@"^rollback-20261121-090000\s+2026-11-21 14:30:00Z\s+-\s+-\s+-\s+-\s+-\s+the tag message holds no JSON manifest$", lines[4]);

        var empty = new StringWriter();
        RollbackPoints.Write(empty, [], _ => true);
        Assert.Contains("No rollback points yet", empty.ToString());
    }
}
