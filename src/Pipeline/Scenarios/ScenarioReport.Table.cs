namespace Pipeline.Scenarios;

public sealed partial record ScenarioReport
{
    const int DetailWidth = 100;

    /// <summary>Writes a table (scenario, step, status, duration, detail), then each failure with expected, actual and the answer's body.</summary>
    public void Write(TextWriter writer)
    {
        var rows = Scenarios.SelectMany(s => s.Steps.Select((step, i) => (Scenario: i == 0 ? s.Name : "", Step: step))).ToList();
        var scenarioWidth = Math.Max("Scenario".Length, rows.Max(r => (int?)r.Scenario.Length) ?? 0);
        var stepWidth = Math.Max("Step".Length, rows.Max(r => (int?)r.Step.Name.Length) ?? 0);
        writer.WriteLine(Summary);
        writer.WriteLine();
        writer.WriteLine($"{"Scenario".PadRight(scenarioWidth)}  {"Step".PadRight(stepWidth)}  {"Status",-8}  {"Duration",9}  Detail");
        writer.WriteLine(new string('-', scenarioWidth + stepWidth + 35));
        foreach (var (scenario, step) in rows)
        {
            var detail = step.Status == ScenarioStatus.NotRun ? "" : Cut(step.Detail);
            var duration = step.Status == ScenarioStatus.NotRun ? "" : $"{step.DurationMs} ms";
            writer.WriteLine($"{scenario.PadRight(scenarioWidth)}  {step.Name.PadRight(stepWidth)}  {step.Status.Text(),-8}  {duration,9}  {detail}".TrimEnd());
        }
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
