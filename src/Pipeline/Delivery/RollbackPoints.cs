using Pipeline.Git;
using Pipeline.Tools;
using Serilog;

namespace Pipeline.Delivery;

/// <summary>
/// Rollback points of a git repository: annotated tags <c>rollback-YYYYMMDD-HHMMSS</c> (UTC) on the commit an environment ran,
/// whose message is the JSON <see cref="RollbackManifest"/>; pushed to <c>origin</c> when there is one.
/// </summary>
public sealed partial class RollbackPoints(string repositoryDirectory, ILogger log)
{
    /// <summary>The repository the tags live in.</summary>
    public string RepositoryDirectory { get; } = Path.GetFullPath(repositoryDirectory);

    /// <summary>The git command (tests point it at an isolated configuration).</summary>
    internal ExternalTool GitTool { get; init; } = new("git");

    /// <summary>The identity used as tagger when git has none configured.</summary>
    internal DeployUser User { get; init; } = DeployUser.Current();

    GitRepository Git => new(RepositoryDirectory) { Tool = GitTool };

    /// <summary>
    /// Tags <c>manifest.Commit</c> as <c>rollback-YYYYMMDD-HHMMSS</c> of <paramref name="now"/> (<c>-2</c>, <c>-3</c> when taken)
    /// with the manifest as message. Throws <see cref="RollbackPointException"/> when the commit is not in the repository.
    /// </summary>
    public async Task<RollbackPoint> CreateAsync(RollbackManifest manifest, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var stored = manifest with { Commit = await ResolveCommitAsync(manifest, cancellationToken) };
        if (stored.Problem() is { } problem)
            throw new RollbackPointException($"Cannot create a rollback point of {manifest.Environment}: {problem}. Deploy by digest ({Commands.PushImages} writes the digests) and retry.");
        var identity = await IdentityAsync(cancellationToken);
        var message = Path.Combine(Path.GetTempPath(), $"rollback-manifest-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(message, stored.ToJson(), cancellationToken);
        try
        {
            var taken = (await TagNamesAsync(RollbackTagNames.For(now, 1) + "*", cancellationToken)).ToHashSet(StringComparer.Ordinal);
            for (var sequence = 1; sequence < 1000; sequence++)
            {
                var tag = RollbackTagNames.For(now, sequence);
                if (taken.Contains(tag))
                    continue;
                var result = await Git.RunAsync([.. identity, "tag", "-a", "--cleanup=verbatim", tag, stored.Commit, "-F", message], cancellationToken, log);
                if (result.Succeeded)
                {
                    log.Information("Created rollback point {Tag} of {Environment} {Version} on {Commit}", tag, stored.Environment, stored.Version, stored.Commit[..12]);
                    return new RollbackPoint(tag, RollbackTagNames.Parse(tag)!.Value.Time, stored, null);
                }
                if ((await TagNamesAsync(tag, cancellationToken)).Count == 0)
                    throw new RollbackPointException($"Could not create the rollback tag {tag} in {RepositoryDirectory}: git tag exited with code {result.ExitCode} ({result.StandardError.Trim()}). Fix that and retry.");
            }
            throw new RollbackPointException($"Could not create a rollback tag for {now.UtcDateTime:u}: every name up to -999 is taken. Delete stray rollback tags and retry.");
        }
        finally
        {
            File.Delete(message);
        }
    }

    async Task<string> ResolveCommitAsync(RollbackManifest manifest, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(manifest.Commit))
            throw new RollbackPointException($"Cannot create a rollback point of {manifest.Environment}: the manifest names no commit. Pass the commit the environment runs (its revision label).");
        if (await Git.NotARepositoryAsync(cancellationToken) is { } notOne)
            throw new RollbackPointException($"{RepositoryDirectory} is not a git repository ({notOne}): run from a clone of the repository.");
        return await Git.CommitAsync(manifest.Commit, cancellationToken)
            ?? throw new RollbackPointException($"commit {manifest.Commit} running in {manifest.Environment} is not in this repository: fetch it (git fetch origin) and retry.");
    }

    async Task<string[]> IdentityAsync(CancellationToken cancellationToken)
    {
        var name = await Git.ConfigAsync("user.name", cancellationToken);
        var email = await Git.ConfigAsync("user.email", cancellationToken);
        return
        [
            .. name is null ? ["-c", $"user.name={User.User}"] : Array.Empty<string>(),
            .. email is null ? ["-c", $"user.email={User.User}@{User.Machine}"] : Array.Empty<string>(),
        ];
    }

    Task<IReadOnlyList<string>> TagNamesAsync(string pattern, CancellationToken cancellationToken) => Git.TagNamesAsync(pattern, cancellationToken);

    /// <summary>
    /// Pushes the point's tag to <c>origin</c>. Never throws for a failed push: a point that stays local is still usable here,
    /// so the result (and a warning in the log) says what happened and the caller decides.
    /// </summary>
    public async Task<TagPushResult> PushAsync(RollbackPoint point, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (await Git.OriginUrlAsync(cancellationToken) is not { } origin)
        {
            var local = $"The repository has no 'origin' remote: rollback point {point.Tag} stays in {RepositoryDirectory} only.";
            log.Information("{Message}", local);
            return new TagPushResult(TagPushStatus.NoOrigin, local);
        }
        var push = await Git.PushTagAsync(point.Tag, log, cancellationToken);
        if (push.Succeeded)
        {
            log.Information("Pushed rollback point {Tag} to origin ({Url})", point.Tag, origin);
            return new TagPushResult(TagPushStatus.Pushed, $"Pushed rollback point {point.Tag} to origin.");
        }
        var why = string.Join(' ', push.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
        var failed = $"Could not push rollback point {point.Tag} to origin (git push exited with code {push.ExitCode}: {why}). " +
            $"It is usable from this repository; push it later with: git push origin refs/tags/{point.Tag}";
        log.Warning("{Message}", failed);
        return new TagPushResult(TagPushStatus.Failed, failed);
    }
}
