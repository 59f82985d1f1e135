namespace Pipeline.Data;

/// <summary>A backup, restore, sanitization or data copy cannot go on; the message says what is wrong and what to do.</summary>
public sealed class DataException(string message, Exception? inner = null) : Exception(message, inner);
