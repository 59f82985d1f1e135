using System.Text.RegularExpressions;

namespace Pipeline.Data;

/// <summary>
/// Column names that look like personal data. The name is split into words (at <c>_</c>, <c>-</c>, spaces, digits and
/// camelCase humps); a word is personal when it is a keyword or starts or ends with one (<c>user_email</c>,
/// <c>firstName</c>, <c>username</c>, <c>zipcode</c>). <c>ip</c> only counts as a whole word, so <c>description</c> does not.
/// </summary>
internal static partial class PersonalColumns
{
    public static readonly IReadOnlyList<string> Keywords =
        ["email", "phone", "mobile", "name", "address", "street", "city", "zip", "postal", "birth", "dob", "ssn", "iban", "card", "passport", "ip"];

    static readonly string[] WholeWordOnly = ["ip"];

    public static bool IsPersonalLooking(string columnName) =>
        Words(columnName).Any(word => Keywords.Any(k => word == k || (!WholeWordOnly.Contains(k) && (word.StartsWith(k, StringComparison.Ordinal) || word.EndsWith(k, StringComparison.Ordinal)))));

    static IEnumerable<string> Words(string name) =>
        Humps().Replace(name, "$1 $2").Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant());

    static readonly char[] Separators = [' ', '_', '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

    [GeneratedRegex("([a-z])([A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex Humps();
}
