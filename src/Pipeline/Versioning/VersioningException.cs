namespace Pipeline.Versioning;

/// <summary>No version could be computed from git; the message says why and what to do.</summary>
public sealed class VersioningException(string message, Exception? inner = null) : Exception(message, inner);
