using Pipeline.Output;

namespace Pipeline.Scenarios;

/// <summary>An assertion that did not hold.</summary>
/// <param name="Assertion">The assertion as written, e.g. <c>$.status in ["succeeded"]</c> or <c>status in [201]</c>.</param>
/// <param name="Expected">What was expected, after placeholders were replaced.</param>
/// <param name="Actual">What the answer held, or <c>(missing)</c>.</param>
public sealed record AssertionFailure(string Assertion, string Expected, string Actual)
{
    /// <summary>One line: the assertion, expected and actual.</summary>
    public string Describe() => $"{Assertion}: expected {Expected}, actual {Actual}";

    internal AssertionFailure Redacted(ISecretMasker mask) =>
        new(mask.Mask(Assertion), mask.Mask(Expected), mask.Mask(Actual));
}
