using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Development;

/// <summary>
/// What the development image is made of: the Dockerfile's global ARGs and its <c>development</c> stage, the files that stage copies from
/// the context, and the base-image overrides. Equal fingerprints mean the image need not be built again.
/// </summary>
public static partial class DevStageFingerprint
{
    /// <summary>The stage the development image is built from.</summary>
    public const string Stage = "development";

    /// <summary>A 16-hex-digit digest of the stage's text, the files it copies and <paramref name="baseImages"/>.</summary>
    public static string Compute(string dockerfile, string context, IEnumerable<string> baseImages)
    {
        var text = new StringBuilder();
        foreach (var line in StageLines(File.ReadAllLines(dockerfile)))
        {
            text.AppendLine(line);
            if (CopyLine().Match(line) is { Success: true } copy)
                foreach (var source in copy.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
                    AppendFiles(text, context, source);
        }
        text.AppendJoin('\n', baseImages.Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>The lines that define the stage: the ARGs before the first FROM, then the stage from its FROM to the next one; comments and blank lines left out.</summary>
    public static IEnumerable<string> StageLines(IEnumerable<string> dockerfile)
    {
        var inStage = false;
        var seenFrom = false;
        foreach (var line in dockerfile.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase))
            {
                seenFrom = true;
                inStage = line.EndsWith($" AS {Stage}", StringComparison.OrdinalIgnoreCase);
            }
            if (inStage || (!seenFrom && line.StartsWith("ARG ", StringComparison.OrdinalIgnoreCase)))
                yield return line;
        }
    }

    private static void AppendFiles(StringBuilder text, string context, string source)
    {
        var path = Path.Combine(context, source);
        var files = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : Enumerable.Empty<string>();
        foreach (var file in files)
            text.Append(Path.GetRelativePath(context, file)).Append(' ').AppendLine(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));
    }

    [GeneratedRegex(@"^(?:COPY|ADD)\s+(?:--\S+\s+)*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex CopyLine();
}
