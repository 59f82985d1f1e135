namespace Targets;

/// <summary>Replaces secret values with <c>***</c>. Thread-safe; secrets can be added while the build runs.</summary>
public sealed class Redactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    static readonly string[] SecretWords = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL"];
    volatile string[] secrets = [];
    readonly Lock gate = new();

    /// <summary>Adds a secret value; values shorter than 3 characters are ignored (they would mask ordinary text).</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < 3)
            return;
        lock (gate)
        {
            if (!secrets.Contains(secret))
                secrets = [.. secrets.Append(secret).OrderByDescending(s => s.Length)];
        }
    }

    /// <summary>Adds the values of environment variables whose names say they hold secrets (TOKEN, SECRET, PASSWORD, KEY).</summary>
    public void AddFromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (_, value) in environment.Where(e => IsSecretName(e.Key) && e.Value.Length >= 6))
            Add(value);
    }

    /// <summary>True when <paramref name="name"/> says its value is a secret: it contains TOKEN, SECRET, PASSWORD, PASSWD, KEY or CREDENTIAL (not PWD, the working directory).</summary>
    public static bool IsSecretName(string name) => SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>The text with every known secret replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text) => secrets.Aggregate(text, (masked, secret) => masked.Replace(secret, Mask, StringComparison.Ordinal));
}
