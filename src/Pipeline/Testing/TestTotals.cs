using System.Xml.Linq;

namespace Pipeline.Testing;

/// <summary>Passed, failed and skipped test counts.</summary>
public sealed record TestTotals(int Passed, int Failed, int Skipped)
{
    /// <summary>No tests.</summary>
    public static readonly TestTotals None = new(0, 0, 0);

    /// <summary>The sum of two totals.</summary>
    public static TestTotals operator +(TestTotals a, TestTotals b) => new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);

    /// <summary>The closing line of a test run: <c>Tests: 12 passed, 0 failed, 1 skipped</c>.</summary>
    public string Line => $"Tests: {Passed} passed, {Failed} failed" + (Skipped > 0 ? $", {Skipped} skipped" : "");

    /// <summary>Reads the counters of a Visual Studio test results (.trx) file.</summary>
    public static TestTotals FromTrx(string path)
    {
        var counters = XDocument.Load(path).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters")
            ?? throw new InvalidOperationException($"{path} has no <Counters> element; the test run did not finish.");
        int Count(string name) => int.TryParse(counters.Attribute(name)?.Value, out var n) ? n : 0;
        return new TestTotals(
            Count("passed"),
            Count("failed") + Count("error") + Count("timeout") + Count("aborted"),
            Count("notExecuted") + Count("inconclusive"));
    }
}
