namespace App.Hosting;

/// <summary>
/// Where the database lives: <c>DATA_DIR</c> when set (relative to the content root); otherwise <c>/data</c> when it
/// exists and is writable (the container case); otherwise <c>&lt;content root&gt;/data</c> (running locally).
/// </summary>
public static class DataDirectory
{
    /// <summary>The data folder inside containers.</summary>
    public const string ContainerDefault = "/data";

    /// <summary>Picks the data folder; does not create it.</summary>
    public static string Resolve(string? configured, string contentRoot, string containerDefault = ContainerDefault) =>
        !string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(configured.Trim(), contentRoot)
        : IsWritable(containerDefault) ? containerDefault
        : Path.Combine(contentRoot, "data");

    /// <summary>Creates the folder if needed and proves it writable, or says what to fix.</summary>
    public static void Prepare(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The data folder '{directory}' is not writable ({e.Message}). Set DATA_DIR to a writable folder, " +
                $"or give the app's user '{Environment.UserName}' write access to it.", e);
        }
    }

    static bool IsWritable(string directory)
    {
        if (!Directory.Exists(directory))
            return false;
        try
        {
            Prepare(directory);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
