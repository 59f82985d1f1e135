namespace Pipeline.Scenarios;

/// <summary>How a value found at a JSON path is compared with the expected value.</summary>
public enum AssertionOperator
{
    /// <summary><c>equals</c>: the same JSON value (numbers compare by value); a bare value means this.</summary>
    EqualTo,

    /// <summary><c>notEquals</c>: present and not the same JSON value.</summary>
    NotEqualTo,

    /// <summary><c>in</c>: equal to one of the listed values.</summary>
    In,

    /// <summary><c>exists</c>: <c>true</c> when the path holds a non-null value, <c>false</c> when it is missing or null.</summary>
    Exists,

    /// <summary><c>greaterThan</c>: a number larger than the expected one.</summary>
    GreaterThan,

    /// <summary><c>lessThan</c>: a number smaller than the expected one.</summary>
    LessThan,

    /// <summary><c>matches</c>: the value's text matches a .NET regular expression.</summary>
    Matches,
}

/// <summary>The names operators have in scenario files.</summary>
public static class AssertionOperators
{
    static readonly Dictionary<string, AssertionOperator> ByName = new(StringComparer.Ordinal)
    {
        ["equals"] = AssertionOperator.EqualTo,
        ["notEquals"] = AssertionOperator.NotEqualTo,
        ["in"] = AssertionOperator.In,
        ["exists"] = AssertionOperator.Exists,
        ["greaterThan"] = AssertionOperator.GreaterThan,
        ["lessThan"] = AssertionOperator.LessThan,
        ["matches"] = AssertionOperator.Matches,
    };

    /// <summary>Every operator name, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. ByName.Keys];

    /// <summary>The operator a name stands for, or null when the name is unknown.</summary>
    public static AssertionOperator? Find(string name) => ByName.TryGetValue(name, out var op) ? op : null;

    /// <summary>The name an operator has in scenario files.</summary>
    public static string NameOf(AssertionOperator op) => ByName.First(p => p.Value == op).Key;
}
