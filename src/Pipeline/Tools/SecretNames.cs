namespace Pipeline.Tools;

/// <summary>Which variable names hold secrets, for every redaction in the pipeline (workflow reports, debug snapshots).</summary>
public static class SecretNames
{
    static readonly string[] Words = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL"];

    /// <summary>True when <paramref name="name"/> says its value is a secret: it contains TOKEN, SECRET, PASSWORD, PASSWD, KEY or CREDENTIAL (the host's list; not PWD, the working directory).</summary>
    public static bool IsSecret(string name) => Words.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
}
