namespace Pipeline.Output;

/// <summary>
/// The one list of secret names and the one masker, owned by the build host and handed to the engine: every report, log
/// line, snapshot and generated file the engine writes goes through it. Implementations are thread-safe.
/// </summary>
public interface ISecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    const string Placeholder = "***";

    /// <summary>True when a variable, key or parameter called <paramref name="name"/> holds a secret (its name says TOKEN, PASSWORD, KEY...).</summary>
    bool IsSecretName(string name);

    /// <summary>Learns a secret value, to mask wherever it appears from now on (values too short to mask safely are ignored).</summary>
    void Learn(string? secret);

    /// <summary>Learns the values of the secret-named variables of <paramref name="environment"/>.</summary>
    void LearnFromEnvironment(IReadOnlyDictionary<string, string> environment);

    /// <summary>The text with every known secret replaced by <see cref="Placeholder"/>.</summary>
    string Mask(string text);
}
