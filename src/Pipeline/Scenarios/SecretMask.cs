namespace Pipeline.Scenarios;

/// <summary>Replaces secret values with <c>***</c> in everything a scenario run reports or logs. Thread-safe.</summary>
public sealed class SecretMask
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    volatile string[] secrets = [];
    readonly Lock gate = new();

    /// <summary>A mask knowing the values (6 characters or more) of the secret-named variables of <paramref name="environment"/>.</summary>
    public static SecretMask FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var mask = new SecretMask();
        foreach (var (name, value) in environment)
        {
            if (Tools.SecretNames.IsSecret(name) && value.Length >= 6)
                mask.Add(value);
        }
        return mask;
    }

    /// <summary>Adds a secret; values shorter than 3 characters are ignored, since masking them would garble ordinary text.</summary>
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

    /// <summary>The text with every known secret replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        foreach (var secret in secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }
}
