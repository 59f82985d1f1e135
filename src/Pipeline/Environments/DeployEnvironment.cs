namespace Pipeline.Environments;

/// <summary>The two deployment environments, as typed on the command line (<c>--environment staging</c>).</summary>
public enum DeployEnvironment
{
    /// <summary>Staging: 127.0.0.1:8081 by default; gets sanitized copies of production's data.</summary>
    Staging,

    /// <summary>Production: 127.0.0.1:8080 by default.</summary>
    Production,
}
