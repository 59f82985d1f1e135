namespace Pipeline.Scenarios;

/// <summary>A scenario file is invalid, or a step cannot be run; the message names the file or step and says what to fix.</summary>
public sealed class ScenarioException(string message, Exception? inner = null) : Exception(message, inner);
