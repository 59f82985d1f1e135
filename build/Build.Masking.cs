using Pipeline.Output;
using Targets;

/// <summary>The host's <see cref="Redactor"/> as the engine's one secret masker: one list of secret names, one set of learned values.</summary>
sealed class HostMasker(Redactor redactor) : ISecretMasker
{
    public bool IsSecretName(string name) => Redactor.IsSecretName(name);

    public void Learn(string? secret) => redactor.Add(secret);

    public void LearnFromEnvironment(IReadOnlyDictionary<string, string> environment) => redactor.AddFromEnvironment(environment);

    public string Mask(string text) => redactor.Redact(text);
}
