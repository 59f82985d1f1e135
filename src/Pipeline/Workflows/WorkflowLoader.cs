namespace Pipeline.Workflows;

/// <summary>Reads workflow scenarios from <c>deploy/workflows/*.json</c>; see that folder's README for the format.</summary>
public static class WorkflowLoader
{
    /// <summary>Every <c>*.json</c> scenario in <paramref name="directory"/>, in file name order; throws <see cref="WorkflowException"/> naming the file and the problem.</summary>
    public static IReadOnlyList<Workflow> LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
            throw new WorkflowException($"The workflow folder {directory} does not exist: create it with one *.json scenario per file (see deploy/workflows/README.md).");
        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new WorkflowException($"The workflow folder {directory} holds no *.json scenario: add one (see deploy/workflows/README.md).");
        var workflows = files.Select(Load).ToList();
        if (workflows.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new WorkflowException($"The scenario name '{twice.Key}' is used by {string.Join(" and ", twice.Select(w => w.Source))}: give each scenario its own name.");
        return workflows;
    }

    /// <summary>One scenario file.</summary>
    public static Workflow Load(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowException($"{file}: cannot be read ({e.Message}).", e);
        }
        return Parse(text, file);
    }

    /// <summary>One scenario from its JSON text; <paramref name="source"/> names it in errors and reports.</summary>
    public static Workflow Parse(string json, string source) => new WorkflowParser(source).Parse(json);
}
