using System.Text.RegularExpressions;

namespace Pipeline.Images;

/// <summary>What the pipeline reads from a Dockerfile without building it: stages and base-image arguments.</summary>
public sealed partial record DockerfileInfo(string Path, IReadOnlyList<string> Stages, IReadOnlyDictionary<string, string> ArgDefaults, IReadOnlyList<string> BaseImages)
{
    /// <summary>Reads the Dockerfile at <paramref name="path"/>, failing with what to do when there is none.</summary>
    public static DockerfileInfo Read(string path)
    {
        if (!File.Exists(path))
            throw new ImageBuildException($"No Dockerfile at {path}. Pass --dockerfile <path> (relative to the repository root) or create it.");
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<string>();
        var bases = new List<string>();
        var seenFrom = false;
        foreach (var line in lines)
        {
            if (ArgLine().Match(line) is { Success: true } arg && arg.Groups[2].Success && !seenFrom)
                args[arg.Groups[1].Value] = arg.Groups[2].Value.Trim('"');
            else if (FromLine().Match(line) is { Success: true } from)
            {
                seenFrom = true;
                var image = from.Groups[1].Value;
                if (!stages.Contains(image, StringComparer.OrdinalIgnoreCase) && image != "scratch")
                    bases.Add(image);
                if (from.Groups[2].Success)
                    stages.Add(from.Groups[2].Value);
            }
        }
        return new DockerfileInfo(path, stages, args, bases.Distinct().ToList());
    }

    /// <summary>Fails, listing the stages, when <paramref name="stage"/> is not one of them.</summary>
    public void RequireStage(string stage)
    {
        if (!Stages.Contains(stage, StringComparer.OrdinalIgnoreCase))
            throw new ImageBuildException($"Stage '{stage}' is not in {Path}; its stages are: {string.Join(", ", Stages)}.");
    }

    [GeneratedRegex(@"^ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S+))?", RegexOptions.IgnoreCase)]
    private static partial Regex ArgLine();

    [GeneratedRegex(@"^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();
}
