namespace Pipeline.Proxy;

/// <summary>The edge proxy could not do what was asked; the message says what failed, why, and what to run.</summary>
public sealed class ProxyException(string message, Exception? inner = null) : Exception(message, inner);
