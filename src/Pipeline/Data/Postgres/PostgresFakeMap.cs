namespace Pipeline.Data.Postgres;

/// <summary>
/// The fakes for one rule kind: every distinct value of the columns with that rule, mapped by <see cref="FakeValues"/> (the
/// SQLite path's fakes, so the same value gets the same fake in every table and in both paths). Values of columns in a unique
/// index must keep distinct fakes: when two of them meet the same fake, the one that sorts later gets a numbered variant
/// (<c>user-1a2b3c4d+2@example.invalid</c>, <c>+1-555-123-4567 x2</c>, <c>Alex Baker 2</c>), so unique columns stay unique.
/// </summary>
internal sealed class PostgresFakeMap
{
    readonly Dictionary<string, string> fakes = new(StringComparer.Ordinal);

    PostgresFakeMap(RuleKind kind) => Kind = kind;

    /// <summary>The rule kind.</summary>
    public RuleKind Kind { get; }

    /// <summary>Original value to fake.</summary>
    public IReadOnlyDictionary<string, string> Fakes => fakes;

    /// <summary>How many values were renumbered to keep a unique column unique.</summary>
    public int Renumbered { get; private set; }

    /// <summary>Maps <paramref name="values"/> (each with whether a unique column holds it) by <paramref name="fake"/>.</summary>
    public static PostgresFakeMap Build(RuleKind kind, FakeValues fake, IEnumerable<(string Value, bool Unique)> values)
    {
        var map = new PostgresFakeMap(kind);
        var unique = new List<string>();
        foreach (var (value, isUnique) in values)
        {
            map.fakes[value] = (string)fake.Replace(kind, value)!;
            if (isUnique)
                unique.Add(value);
        }
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in unique.Order(StringComparer.Ordinal))
        {
            var plain = map.fakes[value];
            var chosen = plain;
            for (var n = 2; !taken.Add(chosen); n++)
                chosen = Variant(kind, plain, n);
            if (chosen != plain)
            {
                map.fakes[value] = chosen;
                map.Renumbered++;
            }
        }
        return map;
    }

    static string Variant(RuleKind kind, string fake, int n) => kind switch
    {
        RuleKind.Email when fake.IndexOf('@', StringComparison.Ordinal) is var at and > 0 => $"{fake[..at]}+{n}{fake[at..]}",
        RuleKind.Phone => $"{fake} x{n}",
        _ => $"{fake} {n}",
    };
}
