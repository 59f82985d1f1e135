using System.Text.RegularExpressions;

namespace Targets;

/// <summary>Spellings of target and parameter names, and "did you mean" suggestions.</summary>
internal static partial class Names
{
    /// <summary>Lower case without dashes and underscores: how names are matched.</summary>
    public static string Normalize(string name) => new([.. name.Where(c => c is not ('-' or '_')).Select(char.ToLowerInvariant)]);

    public static bool Same(string a, string b) => Normalize(a) == Normalize(b);

    /// <summary><c>RegistryPassword</c> becomes <c>registry-password</c>, <c>GitHubAPIUrl</c> <c>git-hub-api-url</c>.</summary>
    public static string Kebab(string name) => KebabBoundary().Replace(name, "-").Replace('_', '-').ToLowerInvariant();

    /// <summary>
    /// " Did you mean 'X'?" or " Did you mean 'X', 'Y' or 'Z'?" for the nearest candidates (at most three, equally near),
    /// or nothing when none is near. A near miss of a whole name beats one of its beginning: <c>Promte</c> finds <c>PromoteToProduction</c>.
    /// </summary>
    public static string Hint(string name, IEnumerable<string> candidates)
    {
        var near = candidates.Distinct().Select(c => (Candidate: c, Distance: Distance(Normalize(name), Normalize(c))))
            .Where(x => x.Distance <= Math.Max(2, Normalize(name).Length / 3)).ToList();
        var quoted = near.Where(x => x.Distance == near.Min(y => y.Distance)).Take(3).Select(x => $"'{x.Candidate}'").ToList();
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

    /// <summary>The edit distance, one row of the table at a time: <c>row[j]</c> is the distance from a[..i] to b[..j].</summary>
    static int Levenshtein(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
                (diagonal, row[j]) = (row[j], Math.Min(Math.Min(row[j], row[j - 1]) + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)));
        }
        return row[b.Length];
    }

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex KebabBoundary();
}
