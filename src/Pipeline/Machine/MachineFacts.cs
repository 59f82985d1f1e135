using System.Runtime.InteropServices;

namespace Pipeline.Machine;

/// <summary>What <see cref="MachineSetup"/> needs to know about the machine before it may change it.</summary>
/// <param name="IsRoot">The effective user id is 0.</param>
/// <param name="IsDebian">Debian, Ubuntu or a derivative (<c>ID</c>/<c>ID_LIKE</c> in <c>/etc/os-release</c>).</param>
/// <param name="OsName">The system's own name for itself, for messages.</param>
internal sealed record MachineFacts(bool IsRoot, bool IsDebian, string OsName)
{
    /// <summary>True when this process runs with effective user id 0.</summary>
    public static bool IsEffectiveRoot => !OperatingSystem.IsWindows() && geteuid() == 0;

    /// <summary>True when the environment says this runs in CI (<c>CI=true</c>, as GitHub Actions and most CI systems set).</summary>
    public static bool IsCIEnvironment => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The facts of the machine this process runs on.</summary>
    public static MachineFacts Detect()
    {
        var release = OsRelease.Read();
        return new(IsEffectiveRoot, release.IsDebianLike, release.Name ?? RuntimeInformation.OSDescription);
    }

    /// <summary>True when set-up may change this machine: Debian-like, and root or in CI.</summary>
    public bool MayChange(bool isCI) => IsDebian && (IsRoot || isCI);

    /// <summary>Who runs this, for messages.</summary>
    public string Describe() => $"{OsName}, running as {(IsRoot ? "root" : $"a regular user ({Environment.UserName})")}";

    [DllImport("libc", SetLastError = false)]
#pragma warning disable SYSLIB1054, CA5392
    private static extern uint geteuid();
#pragma warning restore SYSLIB1054, CA5392
}
