using System.Globalization;
using Pipeline.Output;

namespace Pipeline.Delivery;

public sealed partial class RollbackPoints
{
    const string Format = "%(refname:strip=2)%00%(objecttype)%00%(*objectname)%00%(creatordate:unix)%00%(contents)%01";

    /// <summary>Every <c>rollback-*</c> tag, newest first; a tag without a valid manifest is listed with its <see cref="RollbackPoint.Problem"/>.</summary>
    public async Task<IReadOnlyList<RollbackPoint>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = await Git.RunAsync(["for-each-ref", $"--format={Format}", $"refs/tags/{RollbackTagNames.Prefix}*"], cancellationToken);
        if (!result.Succeeded)
            throw new RollbackPointException($"Cannot list rollback points: git for-each-ref failed in {RepositoryDirectory} ({result.StandardError.Trim()}). Run from a clone of the repository.");
        return
        [
            .. result.StandardOutput.Split('\u0001').Select(r => r.TrimStart('\r', '\n')).Where(r => r.Length > 0).Select(Point)
                .OrderByDescending(p => p.Time).ThenByDescending(p => RollbackTagNames.Parse(p.Tag)?.Sequence ?? 0).ThenByDescending(p => p.Tag, StringComparer.Ordinal),
        ];
    }

    /// <summary>The point tagged <paramref name="tag"/>; throws <see cref="UnknownRollbackPointException"/> listing the nearest tags when there is none, and <see cref="RollbackPointException"/> when it cannot be used.</summary>
    public async Task<RollbackPoint> FindAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var points = await ListAsync(cancellationToken);
        var point = points.FirstOrDefault(p => p.Tag == tag.Trim())
            ?? throw new UnknownRollbackPointException(tag, RollbackTagNames.Nearest(tag.Trim(), [.. points.Select(p => p.Tag)]));
        return point.IsValid
            ? point
            : throw new RollbackPointException($"Rollback point {tag} cannot be used: {point.Problem}. Pick another one ({Commands.Rollback.With(Commands.Flags.List)}).");
    }

    static RollbackPoint Point(string record)
    {
        var fields = record.Split('\0', 5);
        var (tag, type, target) = (fields[0], fields.ElementAtOrDefault(1), fields.ElementAtOrDefault(2));
        var created = long.TryParse(fields.ElementAtOrDefault(3), CultureInfo.InvariantCulture, out var unix) ? DateTimeOffset.FromUnixTimeSeconds(unix) : DateTimeOffset.UnixEpoch;
        var time = RollbackTagNames.Parse(tag)?.Time ?? created;
        if (type != "tag")
            return new RollbackPoint(tag, time, null, "a lightweight tag, not an annotated rollback point: it holds no manifest");
        var (manifest, problem) = RollbackManifest.Parse(fields.ElementAtOrDefault(4) ?? "");
        if (manifest is null)
            return new RollbackPoint(tag, time, null, problem);
        if (!string.IsNullOrEmpty(target) && !target.StartsWith(manifest.Commit, StringComparison.OrdinalIgnoreCase))
            return new RollbackPoint(tag, time, manifest, $"the tag points at {Tables.Short(target, 12)} but its manifest names commit {manifest.Commit}");
        if (RollbackTagNames.Parse(tag) is null)
            return new RollbackPoint(tag, time, manifest, "the tag name is not rollback-YYYYMMDD-HHMMSS");
        return new RollbackPoint(tag, time, manifest, null);
    }
}
