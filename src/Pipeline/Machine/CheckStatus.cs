namespace Pipeline.Machine;

/// <summary>The outcome of one prerequisite check.</summary>
public enum CheckStatus
{
    /// <summary>Present and usable.</summary>
    Ok,

    /// <summary>Absent, unreachable or unusable; the check's fix says what to run.</summary>
    Missing,

    /// <summary>Usable, but something needs attention soon (for example, low disk space).</summary>
    Warning,
}
