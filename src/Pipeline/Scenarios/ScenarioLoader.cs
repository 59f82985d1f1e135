namespace Pipeline.Scenarios;

/// <summary>Reads scenarios from <c>deploy/workflows/*.json</c>; see that folder's README for the format.</summary>
public static class ScenarioLoader
{
    /// <summary>Every <c>*.json</c> scenario in <paramref name="directory"/>, in file name order; throws <see cref="ScenarioException"/> naming the file and the problem.</summary>
    public static IReadOnlyList<Scenario> LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
            throw new ScenarioException($"The workflow folder {directory} does not exist: create it with one *.json scenario per file (see deploy/workflows/README.md).");
        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new ScenarioException($"The workflow folder {directory} holds no *.json scenario: add one (see deploy/workflows/README.md).");
        var scenarios = files.Select(Load).ToList();
        if (scenarios.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ScenarioException($"The scenario name '{twice.Key}' is used by {string.Join(" and ", twice.Select(w => w.Source))}: give each scenario its own name.");
        return scenarios;
    }

    /// <summary>One scenario file.</summary>
    public static Scenario Load(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{file}: cannot be read ({e.Message}).", e);
        }
        return Parse(text, file);
    }

    /// <summary>One scenario from its JSON text; <paramref name="source"/> names it in errors and reports.</summary>
    public static Scenario Parse(string json, string source) => new ScenarioParser(source).Parse(json);
}
