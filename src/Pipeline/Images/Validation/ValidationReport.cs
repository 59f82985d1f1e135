using System.Text;
using Pipeline.Output;

namespace Pipeline.Images.Validation;

/// <summary>One check of a production image: its name, whether it held, and what was seen.</summary>
public sealed record ValidationCheck(string Name, bool Passed, string Detail)
{
    /// <summary>True when the check failed but the service is exempt from its rule (<see cref="ValidationOptions.Waived"/>).</summary>
    public bool Waived { get; init; }

    /// <summary>Passed, or failed and waived.</summary>
    public bool Holds => Passed || Waived;

    /// <summary>PASS, FAIL or WAIVED.</summary>
    public string Verdict => Passed ? "PASS" : Waived ? "WAIVED" : "FAIL";
}

/// <summary>The outcome of validating an image: every check, plus the container's last log lines and health log.</summary>
public sealed record ValidationReport(string Image, IReadOnlyList<ValidationCheck> Checks, IReadOnlyList<string> LastLogLines, IReadOnlyList<string> HealthLog)
{
    /// <summary>True when there was at least one check and every check passed or was waived.</summary>
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Holds);

    /// <summary>The checks that failed and were not waived.</summary>
    public IEnumerable<ValidationCheck> Failures => Checks.Where(c => !c.Holds);

    /// <summary>A table of checks; on failure followed by the last log lines and the health log.</summary>
    public string Describe()
    {
        using var table = new StringWriter();
        Tables.Write(table, ["", "", ""], Checks.Select(c => (IReadOnlyList<string>)[c.Verdict, c.Name, c.Detail]),
            new TableOptions { ShowHeaders = false, Indent = 2, WrapLast = true });
        var text = new StringBuilder($"Production validation of {Image}: {(Passed ? "passed" : "FAILED")}\n").Append(table.ToString().ReplaceLineEndings("\n"));
        if (Passed)
            return text.ToString();
        Section(text, $"Last log lines ({LastLogLines.Count})", LastLogLines);
        Section(text, "Health log", HealthLog);
        return text.ToString();
    }

    static void Section(StringBuilder text, string title, IReadOnlyList<string> lines)
    {
        text.Append($"{title}:\n");
        foreach (var line in lines.DefaultIfEmpty("(none)"))
            text.Append($"  {line}\n");
    }
}
