namespace Pipeline.Promotion;

/// <summary>How one step of a delivery ended: passed, or failed with the reason a user reads.</summary>
/// <param name="Problem">Why it failed; null when it passed.</param>
public sealed record Verdict(string? Problem)
{
    /// <summary>The step passed.</summary>
    public static Verdict Pass { get; } = new((string?)null);

    /// <summary>The step failed because of <paramref name="problem"/>.</summary>
    public static Verdict Fail(string problem) => new(problem);

    /// <summary>True when the step passed.</summary>
    public bool Passed => Problem is null;
}
