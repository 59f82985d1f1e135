namespace Pipeline.Development;

/// <summary>The development environment could not start, answer or be cleaned; the message says what happened and what to do.</summary>
public sealed class DevException(string message, Exception? inner = null) : Exception(message, inner);
