namespace Pipeline.Delivery;

/// <summary>A rollback point: an annotated tag <c>rollback-YYYYMMDD-HHMMSS</c> and the manifest in its message.</summary>
/// <param name="Tag">The tag name.</param>
/// <param name="Time">When it was made (UTC, from the tag name; the tag date when the name does not say).</param>
/// <param name="Manifest">What it restores, or null when the tag holds no valid manifest.</param>
/// <param name="Problem">Why the tag cannot be used as a rollback point, or null when it can.</param>
public sealed record RollbackPoint(string Tag, DateTimeOffset Time, RollbackManifest? Manifest, string? Problem)
{
    /// <summary>True when the point has a valid manifest and can be restored.</summary>
    public bool IsValid => Manifest is not null && Problem is null;
}
