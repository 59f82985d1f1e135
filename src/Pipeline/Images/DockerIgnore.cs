using System.Text.RegularExpressions;

namespace Pipeline.Images;

/// <summary>The rules of a <c>.dockerignore</c> file: which context paths are left out of the build context.</summary>
public sealed class DockerIgnore
{
    readonly List<(Regex Pattern, bool Exclude)> rules = [];

    /// <summary>Parses <c>.dockerignore</c> text: one pattern a line, <c>#</c> comments, <c>!</c> exceptions, <c>**</c> for any folders.</summary>
    public DockerIgnore(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var exclude = !line.StartsWith('!');
            var pattern = line.TrimStart('!').Trim().Replace('\\', '/').Trim('/');
            if (pattern.StartsWith("./", StringComparison.Ordinal))
                pattern = pattern[2..];
            if (pattern.Length > 0)
                rules.Add((new Regex("^" + ToRegex(pattern) + "$", RegexOptions.CultureInvariant), exclude));
        }
    }

    /// <summary>Reads <c>.dockerignore</c> beside the context root; no rules when there is none.</summary>
    public static DockerIgnore For(string contextDirectory)
    {
        var file = Path.Combine(contextDirectory, ".dockerignore");
        return new DockerIgnore(File.Exists(file) ? File.ReadAllText(file) : "");
    }

    /// <summary>True when <paramref name="relativePath"/> (with <c>/</c>) is left out of the context.</summary>
    public bool Excludes(string relativePath)
    {
        var excluded = false;
        foreach (var (pattern, exclude) in rules)
        {
            if (exclude != excluded && MatchesSelfOrParent(pattern, relativePath))
                excluded = exclude;
        }
        return excluded;
    }

    static bool MatchesSelfOrParent(Regex pattern, string path)
    {
        for (var p = path; p.Length > 0; p = p.Contains('/') ? p[..p.LastIndexOf('/')] : "")
        {
            if (pattern.IsMatch(p))
                return true;
        }
        return false;
    }

    static string ToRegex(string pattern)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                sb.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
                sb.Append(c switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(c.ToString()) });
        }
        return sb.ToString();
    }
}
