namespace Pipeline.GitHub.Actions;

/// <summary>A generated workflow file: its name under <c>.github/workflows/</c> and its exact content.</summary>
public sealed record WorkflowFile(string FileName, string Content);

/// <summary>Generates the workflow files a build declares, writes the changed ones, and compares them with a folder.</summary>
public static class WorkflowFiles
{
    /// <summary>The marker every generated file carries in its first line.</summary>
    public const string Marker = "# Generated from ";

    /// <summary>One file per attribute, checked against <paramref name="build"/>; two workflows of one name are an error.</summary>
    public static IReadOnlyList<WorkflowFile> Generate(IEnumerable<GitHubActionsAttribute> attributes, BuildShape build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var files = attributes.Select(a => WorkflowFactory.Create(a, build)).Select(w => new WorkflowFile(w.FileName, WorkflowYaml.Write(w, build.Source))).ToList();
        if (files.GroupBy(f => f.FileName).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new WorkflowDefinitionException($"Two [GitHubActions] attributes in {build.Source} are named '{Path.GetFileNameWithoutExtension(twice.Key)}'; give each workflow its own name.");
        return files;
    }

    /// <summary>Writes the files whose content differs from what <paramref name="directory"/> holds; returns their names.</summary>
    public static IReadOnlyList<string> WriteChanged(string directory, IReadOnlyList<WorkflowFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.FileName);
            if (File.Exists(path) && File.ReadAllText(path) == file.Content)
                continue;
            File.WriteAllText(path, file.Content);
            written.Add(file.FileName);
        }
        return written;
    }

    /// <summary>
    /// How <paramref name="directory"/> differs from <paramref name="files"/>: a file missing or different (with the first
    /// line that differs), or a generated file no workflow declares any more. Empty when they match byte for byte.
    /// </summary>
    public static IReadOnlyList<string> Differences(string directory, IReadOnlyList<WorkflowFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var differences = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.FileName);
            if (!File.Exists(path))
                differences.Add($"{file.FileName} is missing");
            else if (FirstDifference(File.ReadAllText(path), file.Content) is { } line)
                differences.Add($"{file.FileName} differs from its definition at line {line.Number}:\n  checked in: {line.Actual}\n  generated:  {line.Expected}");
        }
        var stale = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.yml").Where(p => !files.Any(f => f.FileName == Path.GetFileName(p)) && File.ReadLines(p).FirstOrDefault()?.StartsWith(Marker, StringComparison.Ordinal) == true)
            : [];
        differences.AddRange(stale.Order().Select(p => $"{Path.GetFileName(p)} is generated but no [GitHubActions] declares it any more; delete it"));
        return differences;
    }

    static (int Number, string Actual, string Expected)? FirstDifference(string actual, string expected)
    {
        if (actual == expected)
            return null;
        var a = actual.Split('\n');
        var e = expected.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, e.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end of file)";
            var right = i < e.Length ? e[i] : "(end of file)";
            if (left != right)
                return (i + 1, left, right);
        }
        return (1, "(different line ends)", "(LF line ends)");
    }
}
