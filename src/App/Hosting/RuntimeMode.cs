namespace App.Hosting;

/// <summary>
/// How this process runs, decided at run time from its inputs rather than from a build flag.
/// <list type="bullet">
/// <item><b>Development</b> when <c>DEVELOPMENT_MODE</c> or <c>DOTNET_WATCH</c> (set by <c>dotnet watch</c>) is true/1,
/// or when the app runs from source: the content root holds a <c>*.csproj</c> and the app's own files sit under its <c>bin/</c>
/// (what <c>dotnet run</c> does). Otherwise <b>production</b>.</item>
/// <item><b>volume-mounted</b> when the content root holds a <c>*.csproj</c> and is itself a mount point
/// (a bind mount of the source, as the development container has); otherwise <b>container-baked</b>.</item>
/// <item><b>Debugging enabled</b> when a debugger is attached, <c>DEBUG_MODE</c> is true/1, or <c>DOTNET_EnableDiagnostics</c>
/// is explicitly <c>1</c> (as the debug image sets it).</item>
/// </list>
/// </summary>
public sealed record RuntimeMode(bool IsDevelopment, bool IsVolumeMounted, bool DebuggingEnabled)
{
    /// <summary><c>development</c> or <c>production</c>.</summary>
    public string Mode => IsDevelopment ? "development" : "production";

    /// <summary><c>volume-mounted</c> or <c>container-baked</c>.</summary>
    public string CodeSource => IsVolumeMounted ? "volume-mounted" : "container-baked";

    /// <summary>Decides the mode from the given inputs only (plus a look at the content root's files).</summary>
    /// <param name="environment">Environment variables.</param>
    /// <param name="contentRoot">The app's content root.</param>
    /// <param name="mountInfo">Text of <c>/proc/self/mountinfo</c> (empty when unknown).</param>
    /// <param name="appBaseDirectory">Where the app's own assembly lives, or null when unknown.</param>
    /// <param name="debuggerAttached">Whether a debugger is attached.</param>
    public static RuntimeMode Detect(
        IReadOnlyDictionary<string, string?> environment,
        string contentRoot,
        string mountInfo,
        string? appBaseDirectory = null,
        bool debuggerAttached = false)
    {
        var root = MountInfo.Normalize(contentRoot);
        var sourcePresent = HasProjectFile(root);
        var runsFromSource = sourcePresent && appBaseDirectory is not null && IsUnder(appBaseDirectory, Path.Combine(root, "bin"));
        var development = environment.IsTruthy("DEVELOPMENT_MODE") || environment.IsTruthy("DOTNET_WATCH") || runsFromSource;
        var mounted = sourcePresent && MountInfo.MountPoints(mountInfo).Contains(root);
        var debugging = debuggerAttached || environment.IsTruthy("DEBUG_MODE") || environment.Value("DOTNET_EnableDiagnostics") == "1";
        return new(development, mounted, debugging);
    }

    /// <summary>Detects the mode of the current process.</summary>
    public static RuntimeMode DetectCurrent(string contentRoot) => Detect(
        EnvironmentSnapshot.Current(), contentRoot, MountInfo.ReadCurrent(), AppContext.BaseDirectory, System.Diagnostics.Debugger.IsAttached);

    static bool HasProjectFile(string directory)
    {
        try
        {
            return Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.csproj").Any();
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    static bool IsUnder(string path, string directory)
    {
        var relative = Path.GetRelativePath(MountInfo.Normalize(directory), MountInfo.Normalize(path));
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar) && !Path.IsPathRooted(relative);
    }
}
