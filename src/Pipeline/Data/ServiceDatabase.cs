namespace Pipeline.Data;

/// <summary>Where a service keeps its SQLite database.</summary>
/// <param name="Folder">The data folder in the service's container (its volume mount).</param>
/// <param name="File">The database file inside <paramref name="Folder"/>.</param>
public sealed record ServiceDatabase(string Folder, string File)
{
    /// <summary>The sample service's: <c>/data/app.db</c>.</summary>
    public static ServiceDatabase App { get; } = new("/data", "app.db");
}
