namespace Targets.Tests.Fixtures;

/// <summary>A fact that needs POSIX signals; skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "POSIX signals only";
    }
}
