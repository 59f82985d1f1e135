namespace Pipeline.Model;

/// <summary>What an environment is for; decides the gates, the lock and how it is deployed.</summary>
public enum EnvironmentKind
{
    /// <summary>Where releases are tested before production; gets sanitized copies of production's data.</summary>
    Staging,

    /// <summary>What users reach; promotions only, with a lock, a backup, a rollback point and verification.</summary>
    Production,

    /// <summary>Anything else, such as the development environment.</summary>
    Other,
}
