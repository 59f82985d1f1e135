namespace Pipeline.Debugging;

/// <summary>Temporary folders only the current user can read (0700): a raw or sanitized database copy goes there, never elsewhere.</summary>
internal static class PrivateFolder
{
    /// <summary>Creates <c>&lt;parent&gt;/&lt;purpose&gt;-&lt;random&gt;</c> and returns its full path.</summary>
    public static string Create(string parent, string purpose)
    {
        var path = Path.Combine(parent, $"{purpose}-{Guid.NewGuid():N}");
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path).FullName
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
    }
}
