namespace Pipeline.Data;

/// <summary>What the sanitizer does with a column's values; written in lowercase in <c>deploy/sanitize.json</c>.</summary>
public enum RuleKind
{
    /// <summary>Left as it is: not personal.</summary>
    Keep,

    /// <summary>Set to NULL.</summary>
    Drop,

    /// <summary>A fake address, <c>user-&lt;hash8&gt;@example.invalid</c>.</summary>
    Email,

    /// <summary>A fake number, <c>+1-555-ddd-dddd</c>.</summary>
    Phone,

    /// <summary>A fake "First Last" from a built-in list.</summary>
    Name,

    /// <summary>Free text: a fake sentence.</summary>
    Text,
}
