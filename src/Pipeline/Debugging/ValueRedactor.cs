using System.Text.RegularExpressions;

namespace Pipeline.Debugging;

/// <summary>
/// Masks secrets and personal data in everything a snapshot holds, counting what each <see cref="RedactionRule"/> masked.
/// Values of secret-named variables are learned as they are masked, so the same value is masked wherever else it appears:
/// redact every environment first (<see cref="Variable"/>), then logs and files. Thread-safe.
/// </summary>
public sealed partial class ValueRedactor
{
    /// <summary>What a masked value becomes.</summary>
    public const string Mask = "***";

    readonly Lock gate = new();
    readonly Dictionary<string, int> counts = RedactionRule.All.ToDictionary(r => r, _ => 0);
    volatile string[] secrets = [];

    /// <summary>Values masked so far, by rule (every rule listed, zero when it masked nothing).</summary>
    public IReadOnlyDictionary<string, int> Counts
    {
        get
        {
            lock (gate)
                return new Dictionary<string, int>(counts);
        }
    }

    /// <summary>Learns a secret value (6 characters or more) to mask wherever it appears.</summary>
    public void Learn(string? secret)
    {
        if (secret is not { Length: >= 6 } || secret == Mask)
            return;
        lock (gate)
            if (!secrets.Contains(secret))
                secrets = [.. secrets.Append(secret).OrderByDescending(s => s.Length)];
    }

    /// <summary>The value of variable <paramref name="name"/>: masked (and learned) when the name is secret, else redacted as text.</summary>
    public string Variable(string name, string value)
    {
        if (value == Mask)
            return value;
        if (!Tools.SecretNames.IsSecret(name) || value.Length == 0)
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
        foreach (var secret in secrets)
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                Count(RedactionRule.SecretValue, CountOf(text, secret));
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        text = Replace(text, AssignmentPattern(), RedactionRule.SecretName, m => m.Groups["value"].Value == Mask ? null : $"{m.Groups["name"].Value}{m.Groups["sep"].Value}{Mask}");
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

    [GeneratedRegex(@"(?<name>\b[A-Za-z0-9_.-]*(?:TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL)[A-Za-z0-9_.-]*)(?<sep>[ \t]*[=:][ \t]*)(?<value>[^\s""';,&]+)", RegexOptions.IgnoreCase)]
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
