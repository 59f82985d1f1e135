using Pipeline.Model;
namespace Pipeline.Machine;

/// <summary>
/// Checks what the pipeline needs on this machine and reports each prerequisite with its version, its status and
/// the exact command that fixes it. It only looks: it changes nothing, and every probe has a short time limit.
/// </summary>
/// <remarks>
/// Every row is required, because the pipeline fails without it: the .NET SDK and git (the build and its
/// versioning), the Docker engine (everything runs on it), Compose (environments), the registry (images are
/// pushed and deployed by digest), busybox-static (test fixtures and tiny images are built <c>FROM scratch</c>
/// with it) and debootstrap (no image can be pulled on offline machines, so base images are built from the
/// Debian archive), and at least 1 GB of free disk (under 5 GB is a warning).
/// </remarks>
public static class Doctor
{
    /// <summary>Runs every check concurrently; the report lists them in a fixed order.</summary>
    public static async Task<DoctorReport> CheckAsync(MachineOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checks = await Task.WhenAll(
            ToolChecks.DotnetAsync(ct),
            ToolChecks.GitAsync(ct),
            ServiceChecks.EngineAsync(options.EngineEndpoint, ct),
            ToolChecks.ComposeAsync(ct),
            ServiceChecks.RegistryAsync(options.Registry, ct),
            ToolChecks.BusyboxAsync(ct),
            ToolChecks.DebootstrapAsync(ct),
            Task.Run(() => ServiceChecks.Disk(options.RootDirectory), ct),
            Proxy.ProxyDoctorCheck.RunAsync(options.Proxy, ct));
        return new DoctorReport(checks);
    }
}
