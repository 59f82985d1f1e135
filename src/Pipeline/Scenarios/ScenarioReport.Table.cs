using Pipeline.Output;

namespace Pipeline.Scenarios;

public sealed partial record ScenarioReport
{
    const int DetailWidth = 100;

    /// <summary>Writes a table (scenario, step, status, duration, detail), then each failure with expected, actual and the answer's body.</summary>
    public void Write(TextWriter writer)
    {
        writer.WriteLine(Summary);
        writer.WriteLine();
        Tables.Write(writer, ["Scenario", "Step", "Status", "Duration", "Detail"], Scenarios.SelectMany(s => s.Steps.Select((step, i) => (IReadOnlyList<string>)
        [
            i == 0 ? s.Name : "", step.Name, step.Status.Text(),
            step.Status == ScenarioStatus.NotRun ? "" : $"{step.DurationMs} ms", step.Status == ScenarioStatus.NotRun ? "" : Cut(step.Detail),
        ])), new TableOptions { WrapLast = true });
        foreach (var scenario in Scenarios.Where(s => s.FailedStep is not null))
            WriteFailure(writer, scenario, scenario.FailedStep!);
    }

    static void WriteFailure(TextWriter writer, ScenarioResult scenario, StepResult step)
    {
        writer.WriteLine();
        writer.WriteLine($"FAILED {scenario.Name} / {step.Name} ({scenario.Source})");
        if (step.Request is not null)
            writer.WriteLine($"  request:  {step.Request}{(step.Attempts > 1 ? $" ({step.Attempts} attempts)" : "")}");
        if (step.ResponseStatus is not null)
            writer.WriteLine($"  answered: {step.ResponseStatus}");
        if (step.Error is not null)
            writer.WriteLine($"  error:    {step.Error}");
        if (step.Failure is { } failure)
        {
            writer.WriteLine($"  check:    {failure.Assertion}");
            writer.WriteLine($"  expected: {failure.Expected}");
            writer.WriteLine($"  actual:   {failure.Actual}");
        }
        if (!string.IsNullOrEmpty(step.ResponseExcerpt))
            writer.WriteLine($"  body:     {step.ResponseExcerpt.ReplaceLineEndings(" ")}");
    }

    static string Cut(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= DetailWidth ? text : text[..(DetailWidth - 3)] + "...";
    }
}
