namespace Pipeline.Environments;

/// <summary><c>deploy/environments.json</c>, <c>--environment</c> or a port parameter is wrong; the message says where and what to write instead.</summary>
public sealed class EnvironmentCatalogException(string message, Exception? inner = null) : Exception(message, inner);
