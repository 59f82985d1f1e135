using System.Text;

namespace Targets;

/// <summary>Spellings of target and parameter names, and "did you mean" suggestions.</summary>
public static class Names
{
    /// <summary>Lower case without dashes and underscores: how names are matched.</summary>
    public static string Normalize(string name) =>
        new(name.Where(c => c is not ('-' or '_')).Select(char.ToLowerInvariant).ToArray());

    /// <summary><c>RegistryPassword</c> becomes <c>registry-password</c>.</summary>
    public static string Kebab(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (boundary)
                sb.Append('-');
            sb.Append(c == '_' ? '-' : char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>The closest candidate to <paramref name="name"/>, or null when none is close.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var wanted = Normalize(name);
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance(wanted, Normalize(c))))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        var limit = Math.Max(2, wanted.Length / 3);
        return best.Candidate is not null && best.Distance <= limit ? best.Candidate : null;
    }

    /// <summary>", did you mean X?" or nothing.</summary>
    internal static string Hint(string name, IEnumerable<string> candidates, Func<string, string>? format = null) =>
        Closest(name, candidates) is { } match ? $" Did you mean '{(format ?? (s => s))(match)}'?" : "";

    static int Distance(string a, string b)
    {
        if (Math.Min(a.Length, b.Length) >= 4 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal)))
            return a.Length == b.Length ? 0 : 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
