namespace Pipeline.Model;

/// <summary>What a service is to a release.</summary>
public enum ServiceRole
{
    /// <summary>Serves the release's traffic; health-checked and redeployed by every promotion.</summary>
    App,

    /// <summary>Runs the release's background work; redeployed by every promotion.</summary>
    Worker,

    /// <summary>A long-lived companion (a database, a cache): kept across releases.</summary>
    Accessory,
}
