namespace Pipeline.Debugging;

/// <summary>A snapshot or a local replay could not be made; the message says why and what to run.</summary>
public sealed class DebugException(string message, Exception? inner = null) : Exception(message, inner);
