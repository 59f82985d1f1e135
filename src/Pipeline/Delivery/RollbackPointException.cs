namespace Pipeline.Delivery;

/// <summary>A rollback point could not be created, read or found; the message says why and what to do.</summary>
public class RollbackPointException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>No rollback point has the requested tag; the message lists the nearest ones.</summary>
public sealed class UnknownRollbackPointException(string tag, IReadOnlyList<string> nearest) : RollbackPointException(MessageFor(tag, nearest))
{
    /// <summary>The tag that was asked for.</summary>
    public string Tag { get; } = tag;

    /// <summary>The existing rollback points nearest to <see cref="Tag"/>, by time and by spelling.</summary>
    public IReadOnlyList<string> Nearest { get; } = nearest;

    static string MessageFor(string tag, IReadOnlyList<string> nearest) => nearest is null || nearest.Count == 0
        ? $"No rollback point {tag}: this repository has no rollback-* tags. If they were made on another machine, fetch them (git fetch origin 'refs/tags/rollback-*:refs/tags/rollback-*'); a promotion creates one before it deploys."
        : $"No rollback point {tag}. Nearest: {string.Join(", ", nearest)}. See {Commands.Rollback.With(Commands.Flags.List)}";
}
