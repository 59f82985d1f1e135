using System.Text.RegularExpressions;

namespace Targets;

/// <summary>Spellings of target and parameter names, and "did you mean" suggestions.</summary>
public static partial class Names
{
    /// <summary>Lower case without dashes and underscores: how names are matched.</summary>
    public static string Normalize(string name) =>
        new(name.Where(c => c is not ('-' or '_')).Select(char.ToLowerInvariant).ToArray());

    /// <summary><c>RegistryPassword</c> becomes <c>registry-password</c>, <c>GitHubAPIUrl</c> <c>git-hub-api-url</c>.</summary>
    public static string Kebab(string name) => KebabBoundary().Replace(name, "-").Replace('_', '-').ToLowerInvariant();

    /// <summary>
    /// The candidates nearest to <paramref name="name"/> (at most three, equally near), or none when none is near.
    /// A near miss of a whole name beats one of its beginning: <c>Promte</c> finds <c>PromoteToProduction</c>.
    /// </summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates)
    {
        var typed = Normalize(name);
        var near = candidates.Distinct().Select(c => (Candidate: c, Distance: Distance(typed, Normalize(c))))
            .Where(x => x.Distance <= Math.Max(2, typed.Length / 3)).ToList();
        var best = near.Count == 0 ? 0 : near.Min(x => x.Distance);
        return [.. near.Where(x => x.Distance == best).Take(3).Select(x => x.Candidate)];
    }

    /// <summary>" Did you mean 'X'?" or " Did you mean 'X', 'Y' or 'Z'?", or nothing.</summary>
    internal static string Hint(string name, IEnumerable<string> candidates, Func<string, string>? format = null)
    {
        var quoted = Closest(name, candidates).Select(c => $"'{(format ?? (s => s))(c)}'").ToList();
        return quoted.Count == 0 ? "" : $" Did you mean {(quoted.Count == 1 ? quoted[0] : $"{string.Join(", ", quoted[..^1])} or {quoted[^1]}")}?";
    }

    static int Distance(string typed, string candidate)
    {
        var whole = Levenshtein(typed, candidate);
        if (typed.Length < 4 || candidate.Length <= typed.Length)
            return whole;
        var start = Enumerable.Range(typed.Length - 1, 3).Where(n => n <= candidate.Length).Min(n => Levenshtein(typed, candidate[..n]));
        return Math.Min(whole, start + 1);
    }

    static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex KebabBoundary();
}
