namespace Pipeline.Delivery;

public sealed partial class RollbackPoints
{
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
