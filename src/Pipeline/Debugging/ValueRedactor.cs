using System.Text.RegularExpressions;
using Pipeline.Output;

namespace Pipeline.Debugging;

/// <summary>
/// Masks secrets and personal data in everything a snapshot holds, counting what each <see cref="RedactionRule"/> masked.
/// Values of secret-named variables are learned as they are masked, so the same value is masked wherever else it appears:
/// redact every environment first (<see cref="Variable"/>), then logs and files. Secret names and secret values are the
/// host's <see cref="ISecretMasker"/>'s: a value learned here is masked in the build's own logs too. Thread-safe.
/// </summary>
public sealed partial class ValueRedactor(ISecretMasker masker)
{
    /// <summary>What a masked value becomes.</summary>
    public const string Mask = ISecretMasker.Placeholder;

    readonly Lock gate = new();
    readonly Dictionary<string, int> counts = RedactionRule.All.ToDictionary(r => r, _ => 0);

    /// <summary>Values masked so far, by rule (every rule listed, zero when it masked nothing).</summary>
    public IReadOnlyDictionary<string, int> Counts
    {
        get
        {
            lock (gate)
                return new Dictionary<string, int>(counts);
        }
    }

    /// <summary>True when a variable called <paramref name="name"/> holds a secret, by the host's list.</summary>
    public bool IsSecretName(string name) => masker.IsSecretName(name);

    /// <summary>Learns a secret value (6 characters or more) to mask wherever it appears.</summary>
    public void Learn(string? secret)
    {
        if (secret is { Length: >= 6 } && secret != Mask)
            masker.Learn(secret);
    }

    /// <summary>The value of variable <paramref name="name"/>: masked (and learned) when the name is secret, else redacted as text.</summary>
    public string Variable(string name, string value)
    {
        if (value == Mask)
            return value;
        if (!masker.IsSecretName(name) || value.Length == 0)
            return Text(value);
        Learn(value);
        Count(RedactionRule.SecretName, 1);
        return Mask;
    }

    /// <summary>A <c>NAME=value</c> environment entry, redacted by <see cref="Variable"/>.</summary>
    public string Entry(string entry) =>
        entry.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? $"{entry[..at]}={Variable(entry[..at], entry[(at + 1)..])}" : Text(entry);

    /// <summary>Free text (a log line, a label, a command line) with every rule applied.</summary>
    public string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Replace(text, PrivateKeyPattern(), RedactionRule.PrivateKey, _ => "-----BEGIN PRIVATE KEY-----***-----END PRIVATE KEY-----");
        var masks = CountOf(text, Mask);
        text = masker.Mask(text);
        Count(RedactionRule.SecretValue, CountOf(text, Mask) - masks);
        text = Assignments(text);
        text = Replace(text, UrlPattern(), RedactionRule.UrlCredentials, m => m.Groups["password"].Value == Mask ? null : $"{m.Groups["prefix"].Value}{Mask}@");
        text = Replace(text, BearerPattern(), RedactionRule.BearerToken, m => $"{m.Groups["scheme"].Value} {Mask}");
        text = Replace(text, EmailPattern(), RedactionRule.Email, m => m.Value.EndsWith("@example.invalid", StringComparison.OrdinalIgnoreCase) ? null : $"{Mask}@{Mask}");
        return Replace(text, PhonePattern(), RedactionRule.Phone, m => IsFakeOrShort(m.Groups["number"].Value) ? null : "+" + Mask);
    }

    /// <summary>Replaces each match by <paramref name="mask"/>'s answer, counting it; a null answer keeps the match.</summary>
    string Replace(string text, Regex pattern, string rule, Func<Match, string?> mask) =>
        !pattern.IsMatch(text) ? text : pattern.Replace(text, m =>
        {
            if (mask(m) is not { } replacement)
                return m.Value;
            Count(rule, 1);
            return replacement;
        });

    /// <summary>Masks the value of each <c>NAME=value</c> or <c>NAME: value</c> whose name is secret, looking inside other values too.</summary>
    string Assignments(string text) =>
        !AssignmentPattern().IsMatch(text) ? text : AssignmentPattern().Replace(text, m =>
        {
            var (name, separator, value) = (m.Groups["name"].Value, m.Groups["sep"].Value, m.Groups["value"].Value);
            if (!masker.IsSecretName(name))
                return name + separator + Assignments(value);
            if (value == Mask)
                return m.Value;
            Count(RedactionRule.SecretName, 1);
            return name + separator + Mask;
        });

    void Count(string rule, int n)
    {
        lock (gate)
            counts[rule] += n;
    }

    static bool IsFakeOrShort(string number) => number.StartsWith("1-555-", StringComparison.Ordinal) || number.Count(char.IsAsciiDigit) < 8;

    static int CountOf(string text, string value)
    {
        var n = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
            n++;
        return n;
    }

    [GeneratedRegex(@"(?<name>\b[A-Za-z0-9_.-]+)(?<sep>[ \t]*[=:][ \t]*)(?<value>[^\s""';,&]+)")]
    private static partial Regex AssignmentPattern();

    [GeneratedRegex(@"(?<prefix>\b[a-z][a-z0-9+.-]*://[^:/@\s]+:)(?<password>[^@\s/]+)@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKeyPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+|\\u002[Bb])(?<number>\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6})(?!\w)")]
    private static partial Regex PhonePattern();
}
