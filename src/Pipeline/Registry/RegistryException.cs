namespace Pipeline.Registry;

/// <summary>Talking to a registry or pushing to it failed; the message says what to check. It never contains a password.</summary>
public sealed class RegistryException(string message, Exception? inner = null) : Exception(message, inner);
