namespace Pipeline.Environments;

/// <summary>An environment could not be deployed, inspected or brought up healthy; the message says what happened and what to do.</summary>
public sealed class EnvironmentException(string message, Exception? inner = null) : Exception(message, inner);
